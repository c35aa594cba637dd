/**
 * Retention rules (issue 13 point 4): the kinds of data Broen removes over time, the period each is
 * kept by default, and the legal basis written beside it. Every municipality gets one row per kind
 * in `retention_rules` with these defaults; its administrator may change the period, switch a rule
 * off and set the confirmation threshold. The texts are shown in the administrator's page (Danish)
 * and in docs/RETENTION.md and the records of processing (English and Danish).
 *
 * These are DEFAULTS drawn from Danish municipal practice, not legal advice: the municipality's
 * data protection officer (DPO) must confirm each period against the municipality's own archive
 * plan (journalplan / kassationsfrister) before the rules are switched on in production.
 *
 * Periods are whole days counted from the rule's starting event; a "year" is 365 days here (the
 * page shows 1825 days as "5 år"), so a five-year period ends a day or two before the calendar
 * anniversary in leap years — on the side of keeping less, never more.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;
export const DAYS_PER_YEAR = 365;

export const RETENTION_KINDS = [
  "closed_course_anonymise",
  "inactive_citizen_erase",
  "unmatched_public_referral_erase",
  "audit_trail_erase",
  "security_log_erase",
  "sessions_purge",
  "login_throttle_purge",
  "rate_limit_purge",
  "idempotency_purge",
] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** What a rule does to what is due: anonymise or erase citizens, or delete rows (purge). */
export type RetentionOperation = "anonymise" | "erase" | "purge";

/** A citizen rule touches whole citizens (one transaction each, confirmation above a share); a row rule deletes rows in batches. */
export type RetentionScope = "citizen" | "rows";

export interface RetentionDefault {
  kind: RetentionKind;
  operation: RetentionOperation;
  scope: RetentionScope;
  /** Shipped period in days after the starting event. */
  keepDays: number;
  /** The shortest and longest period an administrator may set (a guard against typing 5 for 5 years). */
  minKeepDays: number;
  maxKeepDays: number;
  /** A run touching more than this percentage of the municipality's citizens waits for confirmation (citizen rules). */
  confirmAbovePercent: number;
  /** Danish: for the administrator's page and the Danish records of processing. */
  da: { title: string; startingEvent: string; action: string; legalBasis: string };
  /** English: for docs/RETENTION.md and docs/PRIVACY.md. */
  en: { title: string; startingEvent: string; action: string; legalBasis: string };
}

const DPO_DA = "Standardværdi, som kommunens databeskyttelsesrådgiver (DPO) skal bekræfte.";
const DPO_EN = "A default the municipality's DPO must confirm.";

export const RETENTION_DEFAULTS: readonly RetentionDefault[] = [
  {
    kind: "closed_course_anonymise",
    operation: "anonymise",
    scope: "citizen",
    keepDays: 5 * DAYS_PER_YEAR,
    minKeepDays: 365,
    maxKeepDays: 20 * DAYS_PER_YEAR,
    confirmAbovePercent: 5,
    da: {
      title: "Afsluttede forløb anonymiseres",
      startingEvent:
        "Borgerens seneste forløb blev afsluttet, og intet er sket siden (ingen screening, notat, henvisning eller ændring af stamdata). Borgere med et åbent forløb, en aktiv henvisning eller begrænset behandling venter.",
      action:
        "Borgeren anonymiseres: navn, CPR-nummer, adresse, kontakter, fritekst og alt andet, der kan identificere, fjernes; de fakta, rapporterne tæller, bevares.",
      legalBasis:
        "Databeskyttelsesforordningen art. 5, stk. 1, litra e (opbevaringsbegrænsning) og art. 17, stk. 1, litra a (oplysningerne er ikke længere nødvendige). " +
        "Forløbet skal kunne dokumenteres, så længe sagen kan blive genoptaget, klaget over eller kræves aktindsigt i (notatpligten i offentlighedsloven og forvaltningslovens regler). " +
        "Kommunernes kassationsfrister efter arkivloven og bevaringsbekendtgørelsen for kommuner (KL's journalplan) er for personsager af denne art typisk 5 år efter sagens afslutning — kontrollér den konkrete frist. " +
        "Anonymiserede oplysninger er ikke personoplysninger (forordningens betragtning 26), så statistikken kan bevares. " +
        DPO_DA,
    },
    en: {
      title: "Closed courses anonymised",
      startingEvent:
        "The citizen's last course was closed and nothing has happened since (no screening, note, referral or change of the register data). Citizens with an open course, an active referral or restricted processing wait.",
      action:
        "The citizen is anonymised: name, CPR number, address, contacts, free text and anything else that identifies are removed; the facts the reports count are kept.",
      legalBasis:
        "GDPR art. 5(1)(e) (storage limitation) and art. 17(1)(a) (no longer necessary). The course must be documented while the case can be reopened, " +
        "complained about or requested under freedom of information (the duty to take notes under the Danish Access to Public Administration Files Act and the Public Administration Act). " +
        "Municipal disposal periods under the Archives Act and the municipal preservation order (KL's journal plan) are typically 5 years after the case is closed for personal cases of this kind — check the specific period. " +
        "Anonymous data are not personal data (GDPR recital 26), so the statistics can be kept. " +
        DPO_EN,
    },
  },
  {
    kind: "inactive_citizen_erase",
    operation: "erase",
    scope: "citizen",
    keepDays: 5 * DAYS_PER_YEAR,
    minKeepDays: 365,
    maxKeepDays: 20 * DAYS_PER_YEAR,
    confirmAbovePercent: 5,
    da: {
      title: "Borgere uden hjemmepleje og uden forløb slettes",
      startingEvent:
        "Det seneste, der skete for borgeren (oprettelse, ændring, screening, notat eller henvisning), for en borger uden hjemmepleje, der aldrig har haft et forløb og ikke har en aktiv henvisning eller begrænset behandling.",
      action: "Borgeren og alle borgerens oplysninger slettes helt.",
      legalBasis:
        "Databeskyttelsesforordningen art. 5, stk. 1, litra e og art. 17, stk. 1, litra a: en borger, der hverken modtager hjemmepleje eller har haft et forløb, er ikke længere omfattet af formålet (opsporing af ensomhed i hjemmeplejen). " +
        "Perioden følger kommunernes kassationspraksis efter arkivloven og bevaringsbekendtgørelsen for kommuner (typisk 5 år). " +
        "Borgere, der har haft et forløb, anonymiseres i stedet (reglen for afsluttede forløb), så statistikken forbliver retvisende. " +
        DPO_DA,
    },
    en: {
      title: "Citizens without home care and without a course erased",
      startingEvent:
        "The last thing that happened to the citizen (registration, change, screening, note or referral), for a citizen not in home care who never had a course and has no active referral or restricted processing.",
      action: "The citizen and all of the citizen's data are erased entirely.",
      legalBasis:
        "GDPR art. 5(1)(e) and art. 17(1)(a): a citizen who neither receives home care nor has had a course is no longer within the purpose (finding loneliness in home care). " +
        "The period follows municipal disposal practice under the Archives Act and the municipal preservation order (typically 5 years). " +
        "Citizens who had a course are anonymised instead (the closed-course rule), so the statistics stay true. " +
        DPO_EN,
    },
  },
  {
    kind: "unmatched_public_referral_erase",
    operation: "erase",
    scope: "rows",
    keepDays: 90,
    minKeepDays: 30,
    maxKeepDays: 2 * DAYS_PER_YEAR,
    confirmAbovePercent: 5,
    da: {
      title: "Henvisninger fra den offentlige formular uden borger slettes",
      startingEvent:
        "Henvisningen blev sidst behandlet (oprettet eller ændret) og er ikke knyttet til en borger i registeret.",
      action:
        "Henvisningen og dens historik slettes, med navn, adresse, telefon og CPR-nummer om den omtalte person.",
      legalBasis:
        "Databeskyttelsesforordningen art. 5, stk. 1, litra c og e (dataminimering og opbevaringsbegrænsning) og art. 17, stk. 1, litra a: oplysninger om en person, der ikke blev fundet i registeret, har intet formål, når henvisningen er behandlet. " +
        "90 dage giver tid til at knytte henvisningen til en borger og til en eventuel klage over afvisningen. " +
        DPO_DA,
    },
    en: {
      title: "Public-form referrals that matched no citizen erased",
      startingEvent:
        "The referral was last handled (created or changed) and is not linked to a citizen of the register.",
      action:
        "The referral and its history are deleted, with the name, address, phone and CPR number of the person it was about.",
      legalBasis:
        "GDPR art. 5(1)(c) and (e) (data minimisation, storage limitation) and art. 17(1)(a): data about a person not found in the register has no purpose once the referral is handled. " +
        "90 days leave time to link the referral to a citizen and for a complaint about a rejection. " +
        DPO_EN,
    },
  },
  {
    kind: "audit_trail_erase",
    operation: "purge",
    scope: "rows",
    keepDays: 5 * DAYS_PER_YEAR,
    minKeepDays: 180,
    maxKeepDays: 10 * DAYS_PER_YEAR,
    confirmAbovePercent: 5,
    da: {
      title: "Revisionsspor (hvem har læst og ændret) slettes",
      startingEvent: "Hændelsen blev logget.",
      action: "Logrækken slettes.",
      legalBasis:
        "Databeskyttelsesforordningen art. 5, stk. 1, litra f og art. 32 (sikkerhed) og art. 5, stk. 2 (ansvarlighed) kræver, at adgang til oplysningerne kan efterprøves; art. 5, stk. 1, litra e sætter en grænse. " +
        "Datatilsynets vejledning om logning bygger på den tidligere sikkerhedsbekendtgørelses praksis: loggen gemmes mindst 6 måneder og højst 5 år, medmindre der er et særligt behov. " +
        "5 år lader borgeren se, hvem der har læst oplysningerne, så længe forløbet kan dokumenteres. " +
        DPO_DA,
    },
    en: {
      title: "Audit trail (who read and changed) erased",
      startingEvent: "The event was logged.",
      action: "The log row is deleted.",
      legalBasis:
        "GDPR art. 5(1)(f) and art. 32 (security) and art. 5(2) (accountability) require that access can be checked; art. 5(1)(e) sets a limit. " +
        "The Danish Data Protection Agency's guidance on logging builds on the former Danish security order's practice: logs kept at least 6 months and at most 5 years unless there is a particular need. " +
        "5 years let the citizen see who read the data for as long as the course can be documented. " +
        DPO_EN,
    },
  },
  {
    kind: "security_log_erase",
    operation: "purge",
    scope: "rows",
    keepDays: DAYS_PER_YEAR,
    minKeepDays: 180,
    maxKeepDays: 5 * DAYS_PER_YEAR,
    confirmAbovePercent: 5,
    da: {
      title: "Sikkerhedslog (logins og spærringer) slettes",
      startingEvent: "Hændelsen (login, fejlet login, spærring, nulstilling) blev logget.",
      action: "Logrækken med brugernavn og IP-adresse slettes.",
      legalBasis:
        "Databeskyttelsesforordningen art. 32 (sikkerhed) og art. 5, stk. 1, litra e. Datatilsynets vejledning om logning: mindst 6 måneder; 1 år rækker til at efterforske et mistænkt indbrud og til den årlige gennemgang. " +
        DPO_DA,
    },
    en: {
      title: "Security log (logins and lock-outs) erased",
      startingEvent: "The event (login, failed login, lock-out, reset) was logged.",
      action: "The log row with username and IP address is deleted.",
      legalBasis:
        "GDPR art. 32 (security) and art. 5(1)(e). The Danish Data Protection Agency's guidance on logging: at least 6 months; 1 year is enough to investigate a suspected break-in and for the yearly review. " +
        DPO_EN,
    },
  },
  {
    kind: "sessions_purge",
    operation: "purge",
    scope: "rows",
    keepDays: 1,
    minKeepDays: 0,
    maxKeepDays: 90,
    confirmAbovePercent: 5,
    da: {
      title: "Udløbne sessioner fjernes",
      startingEvent: "Sessionen udløb.",
      action: "Sessionsrækken (hvem var logget ind hvornår) slettes.",
      legalBasis:
        "Databeskyttelsesforordningen art. 5, stk. 1, litra c og e: en udløbet session har intet formål. Teknisk data — slettes, når brugen er ovre. " +
        DPO_DA,
    },
    en: {
      title: "Expired sessions removed",
      startingEvent: "The session expired.",
      action: "The session row (who was logged in when) is deleted.",
      legalBasis:
        "GDPR art. 5(1)(c) and (e): an expired session has no purpose. Technical data — removed once its use is over. " +
        DPO_EN,
    },
  },
  {
    kind: "login_throttle_purge",
    operation: "purge",
    scope: "rows",
    keepDays: 1,
    minKeepDays: 1,
    maxKeepDays: 90,
    confirmAbovePercent: 5,
    da: {
      title: "Tællere for fejlede logins fjernes",
      startingEvent:
        "Det seneste fejlede login for brugernavn og adresse (tælleren glemmes alligevel efter et døgn).",
      action: "Tælleren med brugernavn og klientadresse slettes.",
      legalBasis:
        "Databeskyttelsesforordningen art. 5, stk. 1, litra c og e: teknisk data til at bremse gætteri, uden formål når tælleren er glemt. " +
        DPO_DA,
    },
    en: {
      title: "Failed-login counters removed",
      startingEvent:
        "The last failed login for the username and address (the count is forgotten after a day anyway).",
      action: "The counter with username and client address is deleted.",
      legalBasis:
        "GDPR art. 5(1)(c) and (e): technical data to slow guessing, without purpose once the count is forgotten. " +
        DPO_EN,
    },
  },
  {
    kind: "rate_limit_purge",
    operation: "purge",
    scope: "rows",
    keepDays: 1,
    minKeepDays: 0,
    maxKeepDays: 90,
    confirmAbovePercent: 5,
    da: {
      title: "Tællere for antal forespørgsler fjernes",
      startingEvent: "Tællerens tidsvindue sluttede.",
      action: "Tælleren med klientadresse slettes.",
      legalBasis:
        "Databeskyttelsesforordningen art. 5, stk. 1, litra c og e: teknisk data, uden formål når vinduet er slut. " +
        DPO_DA,
    },
    en: {
      title: "Request-rate counters removed",
      startingEvent: "The counter's time window ended.",
      action: "The counter with the client address is deleted.",
      legalBasis:
        "GDPR art. 5(1)(c) and (e): technical data, without purpose once the window is over. " + DPO_EN,
    },
  },
  {
    kind: "idempotency_purge",
    operation: "purge",
    scope: "rows",
    keepDays: 2,
    minKeepDays: 1,
    maxKeepDays: 30,
    confirmAbovePercent: 5,
    da: {
      title: "Gemte svar til gentagne indsendelser fjernes",
      startingEvent: "Indsendelsen blev modtaget.",
      action: "Det gemte svar slettes (det kan indeholde navne og adresser).",
      legalBasis:
        "Databeskyttelsesforordningen art. 5, stk. 1, litra c og e: svaret gemmes kun, så en telefon med dårlig forbindelse kan sende igen uden at gemme to gange; 2 dage dækker en nat uden net. " +
        DPO_DA,
    },
    en: {
      title: "Stored answers to repeated submissions removed",
      startingEvent: "The submission was received.",
      action: "The stored answer is deleted (it may hold names and addresses).",
      legalBasis:
        "GDPR art. 5(1)(c) and (e): the answer is kept only so a phone with a poor connection can send again without saving twice; 2 days cover a night offline. " +
        DPO_EN,
    },
  },
];

export function retentionDefault(kind: RetentionKind): RetentionDefault {
  const found = RETENTION_DEFAULTS.find((d) => d.kind === kind);
  if (!found) throw new Error(`unknown retention kind ${kind}`);
  return found;
}

export function isRetentionKind(value: string): value is RetentionKind {
  return (RETENTION_KINDS as readonly string[]).includes(value);
}
