/**
 * Danish texts for the demo activity catalog of the fictitious "Fjordby Kommune": kinds of
 * organisations and the activities each kind typically runs, as in seed 003 (pensioner clubs,
 * churches, activity centres, Røde Kors and Ældre Sagen visiting and phone friends, the
 * volunteer centre) and 004 (Holstebro's 140+ associations). Names are invented; "{by}" is
 * replaced by a demo town, "{kvarter}" by a neighbourhood, "{sted}" by the venue's name.
 */
import type { GroupSize, OrganisationKind, PlaceKind, TimeOfDay } from "../../domain/matching/types.js";

/** Theme ids of the default interest taxonomy. */
export const DEMO_THEME_IDS = [
  "culture",
  "music",
  "creative",
  "exercise",
  "nature",
  "meals_social",
  "faith",
  "learning_digital",
  "games",
  "visiting_friend",
  "men_workshop",
] as const;

/** Interest ids of the default interest taxonomy, each with its theme. */
export const DEMO_INTEREST_THEMES = {
  knitting: "creative",
  card_games: "games",
  bingo: "games",
  community_singing: "music",
  choir: "music",
  gymnastics: "exercise",
  chair_gymnastics: "exercise",
  walking: "exercise",
  petanque: "exercise",
  gardening: "nature",
  fishing: "nature",
  communal_dining: "meals_social",
  coffee_club: "meals_social",
  lectures: "learning_digital",
  local_history: "culture",
  reading_circle: "culture",
  painting: "creative",
  woodwork: "men_workshop",
  church: "faith",
  tablet_it: "learning_digital",
  excursions: "culture",
  dogs_animals: "nature",
  dancing: "exercise",
  swimming: "exercise",
  billiards: "games",
  bridge: "games",
  visiting_friend: "visiting_friend",
  phone_friend: "visiting_friend",
} as const satisfies Record<string, (typeof DEMO_THEME_IDS)[number]>;
export type DemoInterestId = keyof typeof DEMO_INTEREST_THEMES;
export const DEMO_INTEREST_IDS = Object.keys(DEMO_INTEREST_THEMES) as DemoInterestId[];

/** Kinds of meeting place; each has typical accessibility (catalog-demo-data.ts). */
export type VenueKind =
  | "kulturhus"
  | "aktivitetscenter"
  | "sognegaard"
  | "kirke"
  | "forsamlingshus"
  | "bibliotek"
  | "hal"
  | "svoemmehal"
  | "klubhus"
  | "vaerksted"
  | "udendoers"
  | "havn";

export const VENUE_NAMES: Record<VenueKind, string> = {
  kulturhus: "{by} Kulturhus",
  aktivitetscenter: "Aktivitetscentret {by}",
  sognegaard: "Sognegården i {by}",
  kirke: "{by} Kirke",
  forsamlingshus: "{by} Forsamlingshus",
  bibliotek: "{by} Bibliotek",
  hal: "{by} Hallen",
  svoemmehal: "{by} Svømmehal",
  klubhus: "Klubhuset i {by}, 1. sal",
  vaerksted: "Værkstedet i {by}",
  udendoers: "Anlægget ved {by} Skole",
  havn: "Havnen i {by}",
};

export type CostKind = "free" | "coffee" | "membership" | "monthly";

export interface ActivityTemplate {
  title: string;
  description: string;
  interests: DemoInterestId[];
  group: GroupSize;
  place?: PlaceKind;
  venue?: VenueKind;
  slot?: TimeOfDay;
  /** Minutes; default 120. */
  minutes?: number;
  schedule?: "weekly" | "monthly" | "dates";
  cost?: CostKind;
  /** Share of these activities that offer to fetch and bring home. */
  transport?: number;
}

export interface OrganisationTemplate {
  /** Name variants; a town may get more than one (two pensioner clubs), never the same name twice. */
  names: string[];
  /** Every town has exactly one (its church, activity centre, library). */
  core?: boolean;
  kind: OrganisationKind;
  description: string;
  inclusion?: string;
  activities: ActivityTemplate[];
}

const VISIT_BY_ARRANGEMENT = { place: "in_home", group: "one_to_one" } as const;
const PHONE = { place: "remote", group: "one_to_one" } as const;

/** Organisations found in most towns; the generator picks town × template pairs. */
export const LOCAL_ORGANISATIONS: OrganisationTemplate[] = [
  {
    names: ["{by} Sogn"],
    core: true,
    kind: "church",
    description:
      "Folkekirkens sogn i {by}. Ud over gudstjenester samles vi til sang, spisning og foredrag i sognegården.",
    activities: [
      {
        title: "Fællesspisning i Sognegården",
        description: "Vi spiser et godt måltid mad sammen og får en snak over bordet.",
        interests: ["communal_dining"],
        group: "large",
        venue: "sognegaard",
        slot: "evening",
        schedule: "monthly",
        cost: "coffee",
        minutes: 150,
      },
      {
        title: "Besøgstjenesten i {by} Sogn",
        description: "En frivillig fra sognet besøger dig i dit hjem til en snak og en kop kaffe.",
        interests: ["visiting_friend", "church"],
        ...VISIT_BY_ARRANGEMENT,
      },
      {
        title: "Sangeftermiddag i {by} Kirke",
        description: "Vi synger salmer og sange fra Højskolesangbogen, og bagefter er der kaffe.",
        interests: ["community_singing", "church"],
        group: "large",
        venue: "kirke",
        slot: "afternoon",
        schedule: "monthly",
        transport: 0.4,
      },
      {
        title: "Sogneeftermiddag med foredrag",
        description: "En fortæller, præst eller lokal ildsjæl holder foredrag, mens vi drikker kaffe.",
        interests: ["lectures", "church"],
        group: "large",
        venue: "sognegaard",
        slot: "afternoon",
        schedule: "monthly",
        cost: "coffee",
      },
    ],
  },
  {
    names: ["Pensionistforeningen i {by}", "{by} Pensionistklub"],
    kind: "association",
    description: "Forening for pensionister og efterlønnere i {by} med banko, kortspil og udflugter.",
    inclusion: "Pensionister og efterlønnere. Nye medlemmer er velkomne.",
    activities: [
      {
        title: "Banko i {sted}",
        description: "Hyggelig banko med små præmier og kaffe i pausen.",
        interests: ["bingo"],
        group: "large",
        venue: "forsamlingshus",
        slot: "afternoon",
        cost: "coffee",
        transport: 0.3,
      },
      {
        title: "Kortklub – whist og rummy",
        description: "Vi spiller kort ved små borde; du bliver sat ved et bord, også hvis du kommer alene.",
        interests: ["card_games"],
        group: "small",
        venue: "klubhus",
        slot: "afternoon",
        cost: "membership",
      },
      {
        title: "Udflugter med Pensionistforeningen",
        description: "Bustur til museer, haver og kroer i omegnen. Bussen kører fra døren.",
        interests: ["excursions"],
        group: "large",
        venue: "kulturhus",
        slot: "morning",
        schedule: "dates",
        minutes: 420,
        cost: "coffee",
        transport: 1,
      },
      {
        title: "Kaffeklubben",
        description: "En lille kreds, der mødes til kaffe og en snak om løst og fast.",
        interests: ["coffee_club"],
        group: "small",
        venue: "klubhus",
        slot: "morning",
        cost: "coffee",
      },
    ],
  },
  {
    names: ["Aktivitetscentret {by}"],
    core: true,
    kind: "activity_centre",
    description:
      "Kommunalt aktivitetscenter, hvor frivillige og ansatte står for motion, værksteder og fællesskab.",
    inclusion: "Borgere over 65 år og førtidspensionister i Fjordby Kommune.",
    activities: [
      {
        title: "Stolegymnastik for seniorer",
        description: "Blid gymnastik siddende på en stol – alle kan være med, også med rollator.",
        interests: ["chair_gymnastics"],
        group: "large",
        venue: "aktivitetscenter",
        slot: "morning",
        minutes: 60,
        transport: 0.5,
      },
      {
        title: "Maleholdet",
        description: "Vi maler akvarel og akryl; materialer kan lånes.",
        interests: ["painting"],
        group: "small",
        venue: "aktivitetscenter",
        slot: "afternoon",
        cost: "monthly",
      },
      {
        title: "Fællessang i Aktivitetscentret",
        description: "Vi synger de gamle sange til klaverakkompagnement.",
        interests: ["community_singing"],
        group: "large",
        venue: "aktivitetscenter",
        slot: "afternoon",
        minutes: 90,
        transport: 0.5,
      },
      {
        title: "Frokostklubben",
        description: "Vi laver og spiser frokost sammen i små hold.",
        interests: ["communal_dining"],
        group: "small",
        venue: "aktivitetscenter",
        slot: "morning",
        cost: "coffee",
        minutes: 180,
      },
    ],
  },
  {
    names: ["Mandeklubben i {kvarter}", "Mændenes Mødested {by}"],
    kind: "association",
    description: "Et sted for mænd, der vil lave noget med hænderne og få en snak.",
    activities: [
      {
        title: "{navn} – værksted og kaffe",
        description: "Vi reparerer cykler, laver fuglekasser og drikker kaffe.",
        interests: ["woodwork"],
        group: "small",
        venue: "vaerksted",
        slot: "morning",
        cost: "coffee",
      },
      {
        title: "Mandefrokost",
        description: "Mænd laver mad sammen og spiser sammen.",
        interests: ["communal_dining"],
        group: "small",
        venue: "vaerksted",
        slot: "morning",
        schedule: "monthly",
        cost: "coffee",
        minutes: 180,
      },
    ],
  },
  {
    names: ["{by} Petanqueklub", "Petanqueklubben Kuglen, {by}"],
    kind: "association",
    description: "Petanque for alle aldre hele året – om vinteren indendørs.",
    activities: [
      {
        title: "Petanque for seniorer",
        description: "Vi spiller petanque i hold og slutter med kaffe.",
        interests: ["petanque"],
        group: "large",
        venue: "udendoers",
        slot: "morning",
        cost: "membership",
      },
    ],
  },
  {
    names: ["Seniordans {by}", "Folkedanserne i {by}"],
    kind: "association",
    description: "Dans for seniorer: folkedans, linedance og runddans i eget tempo.",
    activities: [
      {
        title: "Seniordans",
        description: "Vi danser i roligt tempo; man behøver ikke at have en partner.",
        interests: ["dancing", "community_singing"],
        group: "large",
        venue: "hal",
        slot: "afternoon",
        cost: "monthly",
        minutes: 90,
      },
      {
        title: "Siddedans",
        description: "Dans til musik, siddende på stol.",
        interests: ["dancing", "chair_gymnastics"],
        group: "small",
        venue: "aktivitetscenter",
        slot: "morning",
        minutes: 60,
      },
    ],
  },
  {
    names: ["{by} Havekreds", "Haveselskabet i {by}"],
    kind: "association",
    description: "For alle med grønne fingre – med eller uden egen have.",
    activities: [
      {
        title: "Fælleshaven",
        description: "Vi passer højbede sammen; bedene er i hævet højde, så du kan arbejde siddende.",
        interests: ["gardening"],
        group: "small",
        venue: "udendoers",
        slot: "morning",
        transport: 0.2,
      },
      {
        title: "Havevandring",
        description: "Besøg i medlemmernes haver med kaffe i det grønne.",
        interests: ["gardening", "walking"],
        group: "large",
        venue: "kulturhus",
        slot: "afternoon",
        schedule: "dates",
        cost: "coffee",
      },
    ],
  },
  {
    names: ["Lokalhistorisk Forening for {by}", "{by} Lokalhistoriske Arkiv"],
    kind: "association",
    description: "Vi samler og fortæller historien om {by} og omegn.",
    activities: [
      {
        title: "Arkivcafé",
        description: "Kig i gamle fotos og fortæl, hvem der er på dem.",
        interests: ["local_history", "coffee_club"],
        group: "small",
        venue: "bibliotek",
        slot: "afternoon",
      },
      {
        title: "Byvandring i det gamle {by}",
        description: "En rolig tur med fortællinger om byens huse og folk.",
        interests: ["local_history", "walking"],
        group: "large",
        venue: "kulturhus",
        slot: "afternoon",
        schedule: "dates",
        minutes: 90,
      },
      {
        title: "Foredrag om {by}s historie",
        description: "Billedforedrag om livet i {by} før og nu.",
        interests: ["local_history", "lectures"],
        group: "large",
        venue: "bibliotek",
        slot: "evening",
        schedule: "monthly",
        cost: "coffee",
      },
    ],
  },
  {
    names: ["{by} Bibliotek"],
    core: true,
    kind: "municipal",
    description: "Folkebiblioteket i {by} med læsekredse, højtlæsning og hjælp til det digitale.",
    activities: [
      {
        title: "Læsekreds for seniorer",
        description: "Vi læser en bog om måneden og taler om den over en kop kaffe.",
        interests: ["reading_circle"],
        group: "small",
        venue: "bibliotek",
        slot: "morning",
        schedule: "monthly",
      },
      {
        title: "Digital hjælp – tablet og MitID",
        description: "Frivillige hjælper med tablet, smartphone, MitID og videoopkald til familien.",
        interests: ["tablet_it"],
        group: "one_to_one",
        venue: "bibliotek",
        slot: "morning",
        minutes: 60,
      },
      {
        title: "Højtlæsning med kaffe",
        description: "Vi læser noveller og digte højt for hinanden.",
        interests: ["reading_circle", "coffee_club"],
        group: "small",
        venue: "bibliotek",
        slot: "afternoon",
        minutes: 90,
      },
    ],
  },
  {
    names: ["{by} Seniorkor", "Koret Fjordtonerne, {by}"],
    kind: "association",
    description: "Kor for alle, der kan lide at synge – det kræver ikke nodekendskab.",
    activities: [
      {
        title: "Seniorkor",
        description: "Vi synger flerstemmigt og giver et par koncerter om året.",
        interests: ["choir", "community_singing"],
        group: "large",
        venue: "kulturhus",
        slot: "morning",
        cost: "membership",
      },
    ],
  },
  {
    names: ["Bridgeklubben {by}", "{by} Bridgeklub"],
    kind: "association",
    description: "Bridge for øvede og begyndere.",
    activities: [
      {
        title: "Bridge – spil og undervisning",
        description: "Begyndere får en makker og lidt undervisning.",
        interests: ["bridge", "card_games"],
        group: "small",
        venue: "klubhus",
        slot: "afternoon",
        cost: "membership",
        minutes: 180,
      },
    ],
  },
  {
    names: ["{by} Lystfiskerforening"],
    kind: "association",
    description: "Lystfiskeri i fjorden og søerne; vi låner grej ud.",
    activities: [
      {
        title: "Fisketur for seniorer",
        description: "Vi fisker fra molen og har termokanden med.",
        interests: ["fishing"],
        group: "small",
        venue: "havn",
        slot: "morning",
        cost: "membership",
        minutes: 180,
      },
    ],
  },
  {
    names: ["Gå-gruppen i {by}", "Seniormotion {by}"],
    kind: "association",
    description: "Motion i frisk luft og i hallen – i et tempo alle kan følge.",
    activities: [
      {
        title: "Gåtur for seniorer",
        description: "Vi går 3–5 km i roligt tempo og slutter med kaffe.",
        interests: ["walking"],
        group: "large",
        venue: "kulturhus",
        slot: "morning",
        minutes: 90,
      },
      {
        title: "Seniorgymnastik",
        description: "Gymnastik, styrke og balance til musik.",
        interests: ["gymnastics"],
        group: "large",
        venue: "hal",
        slot: "morning",
        cost: "monthly",
        minutes: 60,
      },
      {
        title: "Seniorsvømning",
        description: "Svømning og vandgymnastik i varmt vand.",
        interests: ["swimming"],
        group: "large",
        venue: "svoemmehal",
        slot: "morning",
        cost: "monthly",
        minutes: 60,
      },
    ],
  },
  {
    names: ["Billardklubben i {by}"],
    kind: "association",
    description: "Keglebillard og carambole for seniorer.",
    activities: [
      {
        title: "Billard for seniorer",
        description: "Vi spiller billard og drikker kaffe; borde kan bookes til begyndere.",
        interests: ["billiards"],
        group: "small",
        venue: "klubhus",
        slot: "morning",
        cost: "membership",
      },
    ],
  },
  {
    names: ["Strikkeklubben i {by}", "Husflidsforeningen i {by}"],
    kind: "association",
    description: "Strik, hækling og håndarbejde – vi deler mønstre og gode råd.",
    activities: [
      {
        title: "Strikkecafé i {sted}",
        description: "Tag dit strikketøj med; vi strikker, drikker kaffe og hjælper hinanden.",
        interests: ["knitting", "coffee_club"],
        group: "small",
        venue: "kulturhus",
        slot: "afternoon",
        cost: "coffee",
      },
      {
        title: "Strik til velgørenhed",
        description: "Vi strikker tæpper og huer til Røde Kors.",
        interests: ["knitting"],
        group: "small",
        venue: "bibliotek",
        slot: "morning",
      },
    ],
  },
  {
    names: ["Foredragsforeningen i {by}", "Folkeuniversitetet i {by}"],
    kind: "association",
    description: "Foredrag om kultur, natur og samfund.",
    activities: [
      {
        title: "Foredragsaften",
        description: "Et foredrag om måneden med kaffe og kage.",
        interests: ["lectures"],
        group: "large",
        venue: "kulturhus",
        slot: "evening",
        schedule: "monthly",
        cost: "coffee",
        transport: 0.3,
      },
    ],
  },
  {
    names: ["Hundevennerne i {by}"],
    kind: "association",
    description: "Gåture med hunde og besøg med rolige besøgshunde.",
    activities: [
      {
        title: "Besøgshund",
        description: "En frivillig kommer på besøg med sin rolige hund.",
        interests: ["dogs_animals", "visiting_friend"],
        ...VISIT_BY_ARRANGEMENT,
      },
      {
        title: "Hundegåtur",
        description: "Gåtur sammen med hundeejere – har du ingen hund, låner du en snor.",
        interests: ["dogs_animals", "walking"],
        group: "small",
        venue: "udendoers",
        slot: "afternoon",
        minutes: 60,
      },
    ],
  },
  {
    names: ["Seniorklubben i {kvarter}", "Beboerforeningen i {kvarter}"],
    kind: "association",
    description: "Fællesskab i boligområdet med kaffe, spil og fællesspisning.",
    activities: [
      {
        title: "Kaffe og spil i fælleshuset",
        description: "Ludo, kortspil og kaffe i fælleshuset – kom som du er.",
        interests: ["coffee_club", "card_games"],
        group: "small",
        venue: "forsamlingshus",
        slot: "afternoon",
      },
      {
        title: "Fællesspisning i {kvarter}",
        description: "Vi spiser sammen den sidste fredag i måneden.",
        interests: ["communal_dining"],
        group: "large",
        venue: "forsamlingshus",
        slot: "evening",
        schedule: "monthly",
        cost: "coffee",
      },
    ],
  },
  {
    names: ["Kunstforeningen {by}"],
    kind: "association",
    description: "Udstillinger, museumsture og kreative værksteder.",
    activities: [
      {
        title: "Museumsbesøg",
        description: "Vi tager på museum sammen, med rundvisning og frokost.",
        interests: ["excursions", "painting"],
        group: "large",
        venue: "kulturhus",
        slot: "morning",
        schedule: "dates",
        minutes: 360,
        cost: "coffee",
        transport: 0.5,
      },
      {
        title: "Tegning og akvarel",
        description: "Et lille hold, der tegner og maler efter opstilling.",
        interests: ["painting"],
        group: "small",
        venue: "kulturhus",
        slot: "morning",
        cost: "monthly",
      },
    ],
  },
];

/** Organisations the municipality has one of (or one per area): visiting services and the volunteer centre. */
export const SINGLE_ORGANISATIONS: (OrganisationTemplate & { town?: number })[] = [
  {
    names: ["Frivilligcenter Fjordby"],
    kind: "volunteer_centre",
    description:
      "Paraplyorganisation for de frivillige foreninger i Fjordby Kommune. Vi matcher borgere med fællesskaber og frivillige.",
    inclusion: "Alle borgere i Fjordby Kommune.",
    town: 0,
    activities: [
      {
        title: "Gåvenner – Frivilligcenter Fjordby",
        description: "En frivillig gåven henter dig derhjemme til en tur i dit eget tempo.",
        interests: ["walking", "visiting_friend"],
        ...VISIT_BY_ARRANGEMENT,
      },
      {
        title: "Netværkscafé for nye pensionister",
        description: "Mød andre, der lige er gået på pension, og hør om foreningerne.",
        interests: ["coffee_club"],
        group: "small",
        venue: "kulturhus",
        slot: "morning",
        schedule: "monthly",
      },
      {
        title: "Fællesskab i dit eget hjem",
        description: "Små grupper på 2–5, der mødes på skift hjemme hos hinanden til kaffe.",
        interests: ["coffee_club", "visiting_friend"],
        place: "in_home",
        group: "small",
      },
    ],
  },
  ...[0, 2, 4].flatMap((town) => [
    {
      names: ["Røde Kors {by}"],
      kind: "visiting_service" as const,
      description: "Dansk Røde Kors' lokalafdeling med besøgsvenner, telefonvenner og besøgshunde.",
      inclusion: "Ensomme og isolerede voksne – også dem, der ikke selv kan komme ud.",
      town,
      activities: [
        {
          title: "Besøgsvenner – Røde Kors {by}",
          description: "En fast besøgsven kommer hjem til dig, typisk hver eller hver anden uge.",
          interests: ["visiting_friend"],
          ...VISIT_BY_ARRANGEMENT,
        },
        {
          title: "Telefonvenner – Røde Kors",
          description:
            "En frivillig ringer til dig på faste tidspunkter. Telefonvenskab kan blive til besøgsvenskab.",
          interests: ["phone_friend"],
          ...PHONE,
        },
        {
          title: "Strikkecafé med Røde Kors",
          description: "Vi strikker til Røde Kors' genbrug og hygger os.",
          interests: ["knitting"],
          group: "small",
          venue: "kulturhus",
          slot: "afternoon",
        },
      ] satisfies ActivityTemplate[],
    },
    {
      names: ["Ældre Sagen {by}"],
      kind: "visiting_service" as const,
      description: "Ældre Sagens lokalafdeling: besøgsvenner, telefonvenner, spisevenner og hjælp til it.",
      inclusion: "Ældre, der føler sig ensomme eller mangler nogen at tale med.",
      town: town + 1,
      activities: [
        {
          title: "Telefonvenner – Ældre Sagen",
          description: "En frivillig ringer og snakker med dig en eller flere gange om ugen.",
          interests: ["phone_friend"],
          ...PHONE,
        },
        {
          title: "Besøgsvenner – Ældre Sagen {by}",
          description: "En frivillig kommer på besøg, går en tur eller drikker kaffe med dig.",
          interests: ["visiting_friend"],
          ...VISIT_BY_ARRANGEMENT,
        },
        {
          title: "Senior-IT: tablet og smartphone",
          description: "Små hold, hvor frivillige viser, hvordan man videoopkalder familien.",
          interests: ["tablet_it"],
          group: "small",
          venue: "bibliotek",
          slot: "morning",
          cost: "coffee",
        },
        {
          title: "Spisevenner",
          description: "Spis sammen med andre hjemme hos en af jer eller på en café.",
          interests: ["communal_dining"],
          place: "in_home",
          group: "small",
        },
      ] satisfies ActivityTemplate[],
    },
  ]),
];

export const CLOSING_SENTENCES = [
  "Nye er altid velkomne.",
  "Ring gerne til kontaktpersonen, før du kommer første gang.",
  "Du er velkommen til at tage en ledsager med.",
  "Der er kaffe på kanden.",
  "Kom og prøv en gang – det er uforpligtende.",
];
export const TRANSPORT_SENTENCE = "Kan du ikke selv komme frem, kan kørsel aftales.";
export const NEIGHBOURHOODS = [
  "Nørremarken",
  "Havnekvarteret",
  "Søndervang",
  "Engparken",
  "Stationsbyen",
  "Kirkebakken",
] as const;
