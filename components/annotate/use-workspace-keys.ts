"use client";

import type { KeyboardEvent } from "react";
import {
  commandForKey,
  credibilityKeyCommand,
  wordKeyCommand,
  type CredibilityKeyCommand,
  type KeyCommand,
  type WordKeyCommand,
} from "@/lib/domain/annotation";

type ByKind<C extends { kind: string }> = { [X in C as X["kind"]]: X };

/**
 * One handler per command kind, each given its own command's fields. A new
 * key is a new command in lib/domain/annotation/keys.ts plus one entry here;
 * the compiler asks for the entry.
 */
export type CommandHandlers<C extends { kind: string }> = {
  [K in keyof ByKind<C>]: (command: ByKind<C>[K]) => void;
};

function run<C extends { kind: string }, K extends keyof ByKind<C>>(
  handlers: CommandHandlers<C>,
  kind: K,
  command: ByKind<C>[K],
) {
  handlers[kind](command);
}

/** Keys typed into a field belong to the field. */
function inField(target: EventTarget) {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/**
 * The sentence list's key handler. While words are being chosen (`words` is
 * not null) only the word keys act, and while a credibility is being given
 * (after C) only its keys; otherwise the workspace's key map does.
 */
export function useWorkspaceKeys(args: {
  commands: CommandHandlers<KeyCommand>;
  words: CommandHandlers<WordKeyCommand> | null;
  credibility: CommandHandlers<CredibilityKeyCommand> | null;
}) {
  return function onKeyDown(event: KeyboardEvent<HTMLOListElement>) {
    if (inField(event.target)) return;
    if (args.words) {
      const command = wordKeyCommand(event);
      if (!command) return;
      event.preventDefault();
      run<WordKeyCommand, WordKeyCommand["kind"]>(args.words, command.kind, command);
      return;
    }
    if (args.credibility) {
      const command = credibilityKeyCommand(event);
      if (!command) return;
      event.preventDefault();
      run<CredibilityKeyCommand, CredibilityKeyCommand["kind"]>(
        args.credibility,
        command.kind,
        command,
      );
      return;
    }
    const command = commandForKey(event);
    if (!command) return;
    event.preventDefault();
    run<KeyCommand, KeyCommand["kind"]>(args.commands, command.kind, command);
  };
}
