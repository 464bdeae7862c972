import { describe, expect, it } from "vitest";
import {
  MIN_TRAINING_EXAMPLES,
  detectDocumentAttributions,
  parseLabelModel,
  predictLabel,
  suggestLabel,
  trainLabelModel,
  type TrainingExample,
} from "@/lib/domain/attribution";
import type { Label } from "@/lib/domain/annotation/labels";

const suggest = (sentence: string) =>
  suggestLabel(sentence, detectDocumentAttributions([sentence])[0]!);

describe("suggestLabel rules", () => {
  const cases: Array<[string, Label]> = [
    [
      "According to the Iraqi military, ISIS controls only 9% of the city of Mosul.",
      "SOURCED_FACT",
    ],
    ["Police confirmed that three people were arrested.", "SOURCED_FACT"],
    [
      "Some sources indicate that the PMU and the Syrian military may privately coordinate efforts.",
      "UNVERIFIED_CLAIM",
    ],
    [
      "On Monday, reports appeared that Syrian government forces started a military operation.",
      "UNVERIFIED_CLAIM",
    ],
    ["The militants reportedly fled south.", "UNVERIFIED_CLAIM"],
    ["It is believed that the group has 500 fighters.", "UNVERIFIED_CLAIM"],
    ["The ministry said the talks may collapse.", "UNVERIFIED_CLAIM"],
    ["Eleven Iraqi soldiers were killed in an explosion in al-Zanjili.", "UNVERIFIED_CLAIM"],
    ["The government should resign before it is too late.", "OPINION"],
    ["This was a shameful and cowardly attack on civilians.", "OPINION"],
    ["I think the offensive is a mistake that the army will regret.", "OPINION"],
    [
      "If the independence referendum takes place, it may lead to further destabilization of Iraq.",
      "OPINION",
    ],
    [
      "Video: Pressure on Terrorists in the Remaining ISIS Held Areas, Liberation of Western Iraq",
      "NOT_A_CLAIM",
    ],
    ["By South Front", "NOT_A_CLAIM"],
    ["Voiceover by Harold Hoover", "NOT_A_CLAIM"],
    ["What happens next?", "NOT_A_CLAIM"],
    ["Iraqi Forces Close In on Mosul’s Old City", "NOT_A_CLAIM"],
    // The gold set's label rules (tests/fixtures/attribution/README.md)
    ["Iraqi forces launch assault on Tal Afar", "NOT_A_CLAIM"],
    ["Tech firm to cut 1,200 jobs as growth slows", "NOT_A_CLAIM"],
    ['"The enemy is collapsing," he told Reuters by telephone.', "OPINION"],
    ["“I take full responsibility for these decisions,” she wrote.", "OPINION"],
    ['"We found their positions abandoned," he said.', "SOURCED_FACT"],
    ["The spokesman said the company had “hired too fast” during the pandemic.", "SOURCED_FACT"],
    ['Tom Aziz said the Budget was "a betrayal of working families".', "OPINION"],
    ["Health campaigners said the decision was a victory for children.", "OPINION"],
    ["Needless to say, the opposition will try to exploit any rebellion.", "OPINION"],
    ["The Budget will be debated in the Commons over four days.", "UNVERIFIED_CLAIM"],
  ];
  it.each(cases)("%s → %s", (sentence, label) => {
    const s = suggest(sentence);
    expect(s?.value).toBe(label);
    expect(s!.confidence).toBeGreaterThan(0);
    expect(s!.confidence).toBeLessThanOrEqual(1);
  });

  it("labels a quote carried from another sentence by its tense", () => {
    const doc = [
      'Minister Ahmed Karim said: "We will not withdraw.',
      'The troops are staying in their bases."',
    ];
    const [, carried] = detectDocumentAttributions(doc);
    expect(suggestLabel(doc[1]!, carried!)?.value).toBe("OPINION");
    const past = [
      'Minister Ahmed Karim said: "We crossed the river.',
      'Then the shelling started."',
    ];
    const [, narrated] = detectDocumentAttributions(past);
    expect(suggestLabel(past[1]!, narrated!)?.value).toBe("SOURCED_FACT");
  });

  it("suggests nothing for an empty sentence", () => {
    expect(suggestLabel("  ", [])).toBeNull();
  });
});

const TRAINING: Array<[string, Label]> = [
  ["The ministry said the bridge was reopened on Sunday.", "SOURCED_FACT"],
  ["Police said two men were arrested near the border.", "SOURCED_FACT"],
  ["According to the UN, 3,000 families have fled the city.", "SOURCED_FACT"],
  ["The army announced that the highway is open again.", "SOURCED_FACT"],
  ["Reuters reported that the talks resumed in Geneva.", "SOURCED_FACT"],
  ["The governor told reporters that schools will reopen.", "SOURCED_FACT"],
  ["The health ministry confirmed 40 new cases.", "SOURCED_FACT"],
  ["Officials said the vote would be held in March.", "SOURCED_FACT"],
  ["Sources say the commander was killed.", "UNVERIFIED_CLAIM"],
  ["The group reportedly controls several villages.", "UNVERIFIED_CLAIM"],
  ["It is believed that hundreds of fighters remain.", "UNVERIFIED_CLAIM"],
  ["Rumours spread that the leader had fled.", "UNVERIFIED_CLAIM"],
  ["The militants may be preparing a counterattack.", "UNVERIFIED_CLAIM"],
  ["Some activists claim the strike hit a hospital.", "UNVERIFIED_CLAIM"],
  ["Thousands are thought to be trapped in the old city.", "UNVERIFIED_CLAIM"],
  ["The rebels allegedly used chemical weapons.", "UNVERIFIED_CLAIM"],
  ["This reckless policy is a disaster for the region.", "OPINION"],
  ["The West should stop arming the militants.", "OPINION"],
  ["It is a shameful betrayal of the Kurdish people.", "OPINION"],
  ["We must not forget the victims of this war.", "OPINION"],
  ["The so-called peace plan is a farce.", "OPINION"],
  ["The government must act now before it is too late.", "OPINION"],
  ["Sanctions are the worst possible answer.", "OPINION"],
  ["Their hypocrisy is breathtaking.", "OPINION"],
  ["By Jane Doe", "NOT_A_CLAIM"],
  ["Featured image: South Front", "NOT_A_CLAIM"],
  ["Read more on our website", "NOT_A_CLAIM"],
  ["Who benefits from this war?", "NOT_A_CLAIM"],
  ["Region: Middle East", "NOT_A_CLAIM"],
  ["Copyright 2017", "NOT_A_CLAIM"],
  ["Share this article", "NOT_A_CLAIM"],
  ["What comes next for Mosul?", "NOT_A_CLAIM"],
];

function examples(): TrainingExample[] {
  const sentences = TRAINING.map(([s]) => s);
  const attributions = detectDocumentAttributions(sentences);
  return TRAINING.map(([sentence, label], i) => ({
    sentence,
    label,
    attributions: attributions[i]!,
  }));
}

describe("label classifier", () => {
  it("learns the training labels and predicts unseen sentences", () => {
    const model = trainLabelModel(examples());
    expect(model.examples).toBe(TRAINING.length);
    const trainAccuracy =
      examples().filter((e) => predictLabel(model, e.sentence, e.attributions).value === e.label)
        .length / TRAINING.length;
    expect(trainAccuracy).toBeGreaterThanOrEqual(0.9);
    const unseen: Array<[string, Label]> = [
      ["The interior ministry said the curfew was lifted.", "SOURCED_FACT"],
      ["The West must stop this shameful war.", "OPINION"],
      ["By John Smith", "NOT_A_CLAIM"],
    ];
    for (const [sentence, label] of unseen) {
      const attrs = detectDocumentAttributions([sentence])[0]!;
      const p = predictLabel(model, sentence, attrs);
      expect(p.value).toBe(label);
      const total = Object.values(p.distribution).reduce((a, b) => a + b, 0);
      expect(total).toBeCloseTo(1, 6);
    }
  });

  it("survives a JSON round trip and rejects what is not a model", () => {
    const model = trainLabelModel(examples());
    const back = parseLabelModel(JSON.parse(JSON.stringify(model)));
    expect(back).toEqual(model);
    const s = "Officials said the vote would be held in April.";
    const attrs = detectDocumentAttributions([s])[0]!;
    expect(predictLabel(back!, s, attrs)).toEqual(predictLabel(model, s, attrs));
    expect(parseLabelModel({ version: 99 })).toBeNull();
    expect(parseLabelModel("model")).toBeNull();
  });

  it("is used by suggestLabel only once it has enough gold labels", () => {
    const all = examples();
    const small = trainLabelModel(all.slice(0, MIN_TRAINING_EXAMPLES - 10));
    const s = "Their silence is breathtaking.";
    expect(suggestLabel(s, [], { model: small })).toEqual(suggestLabel(s, []));
    const full = trainLabelModel(all);
    expect(full.examples).toBeGreaterThanOrEqual(MIN_TRAINING_EXAMPLES);
    // The rules alone read an unattributed sentence as an unverified claim; the model knows better.
    expect(suggestLabel(s, [])?.value).toBe("UNVERIFIED_CLAIM");
    expect(suggestLabel(s, [], { model: full })?.value).toBe("OPINION");
  });

  it("gives an untrained model the uniform prior", () => {
    const p = predictLabel(trainLabelModel([]), "Anything at all.", []);
    for (const v of Object.values(p.distribution)) expect(v).toBeCloseTo(0.25, 6);
  });
});
