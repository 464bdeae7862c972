/**
 * The "Golden Rules" for English sentence boundaries, from pragmatic_segmenter
 * (github.com/diasks2/pragmatic_segmenter, spec/pragmatic_segmenter/languages/english_spec.rb,
 * MIT licence), copied verbatim: input text and expected segments.
 */
export interface GoldenRule {
  readonly rule: number;
  readonly name: string;
  readonly text: string;
  readonly expected: readonly string[];
}

export const GOLDEN_RULES: readonly GoldenRule[] = [
  {
    rule: 1,
    name: "Simple period to end sentence",
    text: "Hello World. My name is Jonas.",
    expected: ["Hello World.", "My name is Jonas."],
  },
  {
    rule: 2,
    name: "Question mark to end sentence",
    text: "What is your name? My name is Jonas.",
    expected: ["What is your name?", "My name is Jonas."],
  },
  {
    rule: 3,
    name: "Exclamation point to end sentence",
    text: "There it is! I found it.",
    expected: ["There it is!", "I found it."],
  },
  {
    rule: 4,
    name: "One letter upper case abbreviations",
    text: "My name is Jonas E. Smith.",
    expected: ["My name is Jonas E. Smith."],
  },
  {
    rule: 5,
    name: "One letter lower case abbreviations",
    text: "Please turn to p. 55.",
    expected: ["Please turn to p. 55."],
  },
  {
    rule: 6,
    name: "Two letter lower case abbreviations in the middle of a sentence",
    text: "Were Jane and co. at the party?",
    expected: ["Were Jane and co. at the party?"],
  },
  {
    rule: 7,
    name: "Two letter upper case abbreviations in the middle of a sentence",
    text: "They closed the deal with Pitt, Briggs & Co. at noon.",
    expected: ["They closed the deal with Pitt, Briggs & Co. at noon."],
  },
  {
    rule: 8,
    name: "Two letter lower case abbreviations at the end of a sentence",
    text: "Let's ask Jane and co. They should know.",
    expected: ["Let's ask Jane and co.", "They should know."],
  },
  {
    rule: 9,
    name: "Two letter upper case abbreviations at the end of a sentence",
    text: "They closed the deal with Pitt, Briggs & Co. It closed yesterday.",
    expected: ["They closed the deal with Pitt, Briggs & Co.", "It closed yesterday."],
  },
  {
    rule: 10,
    name: "Two letter (prepositive) abbreviations",
    text: "I can see Mt. Fuji from here.",
    expected: ["I can see Mt. Fuji from here."],
  },
  {
    rule: 11,
    name: "Two letter (prepositive & postpositive) abbreviations",
    text: "St. Michael's Church is on 5th st. near the light.",
    expected: ["St. Michael's Church is on 5th st. near the light."],
  },
  {
    rule: 12,
    name: "Possesive two letter abbreviations",
    text: "That is JFK Jr.'s book.",
    expected: ["That is JFK Jr.'s book."],
  },
  {
    rule: 13,
    name: "Multi-period abbreviations in the middle of a sentence",
    text: "I visited the U.S.A. last year.",
    expected: ["I visited the U.S.A. last year."],
  },
  {
    rule: 14,
    name: "Multi-period abbreviations at the end of a sentence",
    text: "I live in the E.U. How about you?",
    expected: ["I live in the E.U.", "How about you?"],
  },
  {
    rule: 15,
    name: "U.S. as sentence boundary",
    text: "I live in the U.S. How about you?",
    expected: ["I live in the U.S.", "How about you?"],
  },
  {
    rule: 16,
    name: "U.S. as non sentence boundary with next word capitalized",
    text: "I work for the U.S. Government in Virginia.",
    expected: ["I work for the U.S. Government in Virginia."],
  },
  {
    rule: 17,
    name: "U.S. as non sentence boundary",
    text: "I have lived in the U.S. for 20 years.",
    expected: ["I have lived in the U.S. for 20 years."],
  },
  {
    rule: 18,
    name: "A.M. / P.M. as non sentence boundary and sentence boundary",
    text: "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.",
    expected: [
      "At 5 a.m. Mr. Smith went to the bank.",
      "He left the bank at 6 P.M.",
      "Mr. Smith then went to the store.",
    ],
  },
  {
    rule: 19,
    name: "Number as non sentence boundary",
    text: "She has $100.00 in her bag.",
    expected: ["She has $100.00 in her bag."],
  },
  {
    rule: 20,
    name: "Number as sentence boundary",
    text: "She has $100.00. It is in her bag.",
    expected: ["She has $100.00.", "It is in her bag."],
  },
  {
    rule: 21,
    name: "Parenthetical inside sentence",
    text: "He teaches science (He previously worked for 5 years as an engineer.) at the local University.",
    expected: [
      "He teaches science (He previously worked for 5 years as an engineer.) at the local University.",
    ],
  },
  {
    rule: 22,
    name: "Email addresses",
    text: "Her email is Jane.Doe@example.com. I sent her an email.",
    expected: ["Her email is Jane.Doe@example.com.", "I sent her an email."],
  },
  {
    rule: 23,
    name: "Web addresses",
    text: "The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out.",
    expected: [
      "The site is: https://www.example.50.com/new-site/awesome_content.html.",
      "Please check it out.",
    ],
  },
  {
    rule: 24,
    name: "Single quotations inside sentence",
    text: "She turned to him, 'This is great.' she said.",
    expected: ["She turned to him, 'This is great.' she said."],
  },
  {
    rule: 25,
    name: "Double quotations inside sentence",
    text: 'She turned to him, "This is great." she said.',
    expected: ['She turned to him, "This is great." she said.'],
  },
  {
    rule: 26,
    name: "Double quotations at the end of a sentence",
    text: 'She turned to him, "This is great." She held the book out to show him.',
    expected: ['She turned to him, "This is great."', "She held the book out to show him."],
  },
  {
    rule: 27,
    name: "Double punctuation (exclamation point)",
    text: "Hello!! Long time no see.",
    expected: ["Hello!!", "Long time no see."],
  },
  {
    rule: 28,
    name: "Double punctuation (question mark)",
    text: "Hello?? Who is there?",
    expected: ["Hello??", "Who is there?"],
  },
  {
    rule: 29,
    name: "Double punctuation (exclamation point / question mark)",
    text: "Hello!? Is that you?",
    expected: ["Hello!?", "Is that you?"],
  },
  {
    rule: 30,
    name: "Double punctuation (question mark / exclamation point)",
    text: "Hello?! Is that you?",
    expected: ["Hello?!", "Is that you?"],
  },
  {
    rule: 31,
    name: "List (period followed by parens and no period to end item)",
    text: "1.) The first item 2.) The second item",
    expected: ["1.) The first item", "2.) The second item"],
  },
  {
    rule: 32,
    name: "List (period followed by parens and period to end item)",
    text: "1.) The first item. 2.) The second item.",
    expected: ["1.) The first item.", "2.) The second item."],
  },
  {
    rule: 33,
    name: "List (parens and no period to end item)",
    text: "1) The first item 2) The second item",
    expected: ["1) The first item", "2) The second item"],
  },
  {
    rule: 34,
    name: "List (parens and period to end item)",
    text: "1) The first item. 2) The second item.",
    expected: ["1) The first item.", "2) The second item."],
  },
  {
    rule: 35,
    name: "List (period to mark list and no period to end item)",
    text: "1. The first item 2. The second item",
    expected: ["1. The first item", "2. The second item"],
  },
  {
    rule: 36,
    name: "List (period to mark list and period to end item)",
    text: "1. The first item. 2. The second item.",
    expected: ["1. The first item.", "2. The second item."],
  },
  {
    rule: 37,
    name: "List with bullet",
    text: "• 9. The first item • 10. The second item",
    expected: ["• 9. The first item", "• 10. The second item"],
  },
  {
    rule: 38,
    name: "List with hypthen",
    text: "⁃9. The first item ⁃10. The second item",
    expected: ["⁃9. The first item", "⁃10. The second item"],
  },
  {
    rule: 39,
    name: "Alphabetical list",
    text: "a. The first item b. The second item c. The third list item",
    expected: ["a. The first item", "b. The second item", "c. The third list item"],
  },
  {
    rule: 40,
    name: "Errant newlines in the middle of sentences (PDF)",
    text: "This is a sentence\ncut off in the middle because pdf.",
    expected: ["This is a sentence cut off in the middle because pdf."],
  },
  {
    rule: 41,
    name: "Errant newlines in the middle of sentences",
    text: "It was a cold \nnight in the city.",
    expected: ["It was a cold night in the city."],
  },
  {
    rule: 42,
    name: "Lower case list separated by newline",
    text: "features\ncontact manager\nevents, activities\n",
    expected: ["features", "contact manager", "events, activities"],
  },
  {
    rule: 43,
    name: "Geo Coordinates",
    text: "You can find it at N°. 1026.253.553. That is where the treasure is.",
    expected: ["You can find it at N°. 1026.253.553.", "That is where the treasure is."],
  },
  {
    rule: 44,
    name: "Named entities with an exclamation point",
    text: "She works at Yahoo! in the accounting department.",
    expected: ["She works at Yahoo! in the accounting department."],
  },
  {
    rule: 45,
    name: "I as a sentence boundary and I as an abbreviation",
    text: "We make a good team, you and I. Did you see Albert I. Jones yesterday?",
    expected: ["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"],
  },
  {
    rule: 46,
    name: "Ellipsis at end of quotation",
    text: "Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”",
    expected: [
      "Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”",
    ],
  },
  {
    rule: 47,
    name: "Ellipsis with square brackets",
    text: '"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).',
    expected: ['"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).'],
  },
  {
    rule: 48,
    name: "Ellipsis as sentence boundary (standard ellipsis rules)",
    text: "If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . . Next sentence.",
    expected: [
      "If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . .",
      "Next sentence.",
    ],
  },
  {
    rule: 49,
    name: "Ellipsis as sentence boundary (non-standard ellipsis rules)",
    text: "I never meant that.... She left the store.",
    expected: ["I never meant that....", "She left the store."],
  },
  {
    rule: 50,
    name: "Ellipsis as non sentence boundary",
    text: "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.",
    expected: [
      "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.",
    ],
  },
  {
    rule: 51,
    name: "4-dot ellipsis",
    text: "One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds. . . . The practice was not abandoned. . . .",
    expected: [
      "One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds.",
      ". . . The practice was not abandoned. . . .",
    ],
  },
  {
    rule: 52,
    name: "No whitespace in between sentences",
    text: "Hello world.Today is Tuesday.Mr. Smith went to the store and bought 1,000.That is a lot.",
    expected: [
      "Hello world.",
      "Today is Tuesday.",
      "Mr. Smith went to the store and bought 1,000.",
      "That is a lot.",
    ],
  },
];
