/** The plain-language meter's thresholds, apart from the analyser so a page can show a result without shipping it. */
export const B1_SCORE = 60;
export const LONG_SENTENCE_WORDS = 20;
export const LONG_WORD_SYLLABLES = 4;
export const LONG_WORD_LETTERS = 14;
