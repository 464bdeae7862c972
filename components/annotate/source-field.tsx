"use client";

import { useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import {
  SOURCE_TYPE_NAMES,
  SOURCE_TYPES,
  type SourceType,
  type SourceView,
} from "@/lib/domain/annotation";

/** Registry entries whose name or an alias contains the query; names that start with it first. */
export function matchSources(
  sources: readonly SourceView[],
  query: string,
  limit = 8,
): SourceView[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const scored: Array<[number, SourceView]> = [];
  for (const s of sources) {
    const names = [s.name, ...s.aliases].map((n) => n.toLowerCase());
    if (names.some((n) => n.startsWith(q))) scored.push([0, s]);
    else if (names.some((n) => n.includes(q))) scored.push([1, s]);
  }
  return scored
    .sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name))
    .slice(0, limit)
    .map(([, s]) => s);
}

type Option =
  | { kind: "source"; source: SourceView }
  | { kind: "text"; text: string }
  | { kind: "add"; text: string }
  | { kind: "add-details"; text: string };

const LAST_TYPE_KEY = "sourcelight:last-source-type";

/** The type of the source this browser added last: a new one starts from it. */
function rememberedType(): SourceType {
  try {
    const stored = localStorage.getItem(LAST_TYPE_KEY);
    return SOURCE_TYPES.find((t) => t === stored) ?? "NAMED_ORGANISATION";
  } catch {
    return "NAMED_ORGANISATION";
  }
}

function rememberType(type: SourceType) {
  try {
    localStorage.setItem(LAST_TYPE_KEY, type);
  } catch {
    // Not remembered: the next source starts from the default type again.
  }
}

/**
 * The source of the focused annotation: an autocomplete over the project's
 * registry (names and aliases), free text, or a new registry entry added inline.
 */
export function SourceField({
  ref,
  ...props
}: {
  sources: readonly SourceView[];
  value: string;
  disabled: boolean;
  ref: React.Ref<HTMLInputElement>;
  onPick: (source: SourceView) => void;
  onText: (text: string) => void;
  onAdd(input: { name: string; type: SourceType; affiliation: string }): Promise<string | null>;
  onDone: () => void;
}) {
  const id = useId();
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [adding, setAdding] = useState<string | null>(null);
  // Until the annotator picks one, the type used last; only shown after typing, so never on the server.
  const [chosenType, setType] = useState<SourceType | null>(null);
  const type = chosenType ?? rememberedType();
  const [affiliation, setAffiliation] = useState("");
  const [error, setError] = useState<string | null>(null);
  const text = query ?? props.value;
  // Leaving the box closes its list a moment later (so a click on an option lands first); coming
  // back or typing before then cancels that, or a fast typist's first letters would be wiped.
  const closing = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancelClosing = () => {
    if (closing.current) clearTimeout(closing.current);
    closing.current = null;
  };

  const options = useMemo((): Option[] => {
    if (query == null || !query.trim()) return [];
    const matches = matchSources(props.sources, query);
    const exact = matches.some((s) =>
      [s.name, ...s.aliases].some((n) => n.toLowerCase() === query.trim().toLowerCase()),
    );
    const rest: Option[] = exact
      ? []
      : [
          { kind: "text", text: query.trim() },
          { kind: "add", text: query.trim() },
          { kind: "add-details", text: query.trim() },
        ];
    return [...matches.map((source): Option => ({ kind: "source", source })), ...rest];
  }, [props.sources, query]);
  const open = options.length > 0;

  function choose(option: Option) {
    setQuery(null);
    setActive(0);
    if (option.kind === "source") props.onPick(option.source);
    else if (option.kind === "text") props.onText(option.text);
    else if (option.kind === "add") {
      // One Enter: the new entry gets the type used last; the form is the other option.
      void add(option.text, type, "");
      return;
    } else {
      setAdding(option.text);
      return;
    }
    props.onDone();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" && open) {
      event.preventDefault();
      setActive((a) => (a + 1) % options.length);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      setActive((a) => (a - 1 + options.length) % options.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      const option = options[active];
      if (option) choose(option);
      else if (query != null) {
        props.onText(query.trim());
        setQuery(null);
        props.onDone();
      }
    } else if (event.key === "Escape") {
      // Esc goes back to the sentences and keeps what was typed, as the source's text.
      event.preventDefault();
      if (query != null && query.trim() !== props.value.trim()) props.onText(query.trim());
      setQuery(null);
      props.onDone();
    }
  }

  async function add(name: string, as: SourceType, withAffiliation: string) {
    const problem = await props.onAdd({ name, type: as, affiliation: withAffiliation });
    if (problem) {
      setError(problem);
      // The form shows the problem and keeps the name, so nothing typed is lost.
      setAdding(name);
      return;
    }
    rememberType(as);
    setAdding(null);
    setError(null);
    setAffiliation("");
    props.onDone();
  }

  return (
    <div className="relative">
      <label htmlFor={`${id}-input`} className="block text-sm font-medium text-stone-800">
        Source <span className="font-normal text-stone-500">(S)</span>
      </label>
      <input
        id={`${id}-input`}
        ref={ref}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${id}-opt-${active}` : undefined}
        disabled={props.disabled}
        value={text}
        placeholder={props.disabled ? "Tag the sentence first" : "Type to search the registry"}
        onChange={(e) => {
          cancelClosing();
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onFocus={cancelClosing}
        onBlur={() => {
          cancelClosing();
          closing.current = setTimeout(() => setQuery(null), 150);
        }}
        className="mt-1 w-full rounded-md border border-stone-300 px-2 py-1.5 text-sm focus:outline-2 focus:outline-sky-600 disabled:bg-stone-100"
      />
      <ul
        id={`${id}-list`}
        role="listbox"
        aria-label="Matching sources"
        hidden={!open}
        className="absolute z-10 mt-1 w-full rounded-md border border-stone-300 bg-white py-1 text-sm shadow-lg"
      >
        {options.map((option, i) => (
          <li
            key={option.kind === "source" ? option.source.id : option.kind}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(option);
            }}
            className={`cursor-pointer px-2 py-1 ${i === active ? "bg-sky-100" : ""}`}
          >
            {option.kind === "source" ? (
              <>
                <span className="font-medium">{option.source.name}</span>
                <span className="ml-1 text-xs text-stone-600">
                  {SOURCE_TYPE_NAMES[option.source.type]}
                  {option.source.aliases.length
                    ? ` · also ${option.source.aliases.join(", ")}`
                    : ""}
                </span>
              </>
            ) : option.kind === "text" ? (
              <>Use “{option.text}” as typed</>
            ) : option.kind === "add" ? (
              <>
                Add “{option.text}” to the registry as {SOURCE_TYPE_NAMES[type].toLowerCase()}
              </>
            ) : (
              <>Add “{option.text}” with another type or affiliation…</>
            )}
          </li>
        ))}
      </ul>
      {adding != null ? (
        <div
          role="group"
          aria-label="New source"
          className="mt-2 space-y-2 rounded-md border border-stone-200 bg-stone-50 p-2 text-sm"
        >
          <p>
            New source: <strong>{adding}</strong>
          </p>
          <label className="block">
            Type
            <select
              value={type}
              onChange={(e) =>
                setType(SOURCE_TYPES.find((t) => t === e.target.value) ?? "NAMED_ORGANISATION")
              }
              className="mt-1 block w-full rounded border border-stone-300 bg-white px-1 py-1"
            >
              {SOURCE_TYPES.map((t) => (
                <option key={t} value={t}>
                  {SOURCE_TYPE_NAMES[t]}
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            Affiliation (optional)
            <input
              value={affiliation}
              onChange={(e) => setAffiliation(e.target.value)}
              className="mt-1 block w-full rounded border border-stone-300 px-1 py-1"
            />
          </label>
          {error ? (
            <p role="alert" className="text-red-700">
              {error}
            </p>
          ) : null}
          <div className="flex gap-2">
            <button
              type="button"
              onClick={() => void add(adding, type, affiliation)}
              className="rounded bg-stone-900 px-2 py-1 text-white hover:bg-stone-700"
            >
              Add source
            </button>
            <button
              type="button"
              onClick={() => {
                setAdding(null);
                setError(null);
                props.onDone();
              }}
              className="rounded border border-stone-300 px-2 py-1 hover:bg-stone-100"
            >
              Cancel
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
