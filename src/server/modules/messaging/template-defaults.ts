/**
 * Broen's shipped message texts (issue 16, part "templates"), in Danish and English, for every
 * template key. A municipality's newest version of a key and language overrides its text
 * (templates.ts); these apply until then. Each key names the variables it fills in — a template
 * may use those and no other (domain/messaging/templates.ts refuses the rest).
 *
 * The texts say when, where and who comes; never why (no health words, no loneliness, no course
 * stage), because an SMS lies open on a phone and may be read by anyone in the home.
 */
import type { TemplateVariable } from "../../../domain/messaging/templates.js";
import type { TemplateKey, TemplateLang } from "../../../shared/api/messaging-templates.js";

export interface ShippedTemplate {
  subject: string | null;
  body: string;
}

const VISIT: readonly TemplateVariable[] = [
  "fornavn",
  "dato",
  "tid",
  "sted",
  "medarbejder",
  "koordinator",
  "telefon",
];
const PERSONAL: readonly TemplateVariable[] = ["fornavn", "koordinator", "telefon"];

/** The variables each key fills in. */
export const TEMPLATE_KEY_VARIABLES: Record<TemplateKey, readonly TemplateVariable[]> = {
  "reminder.accompaniment": VISIT,
  "reminder.conversation": VISIT,
  "citizen.motivation": PERSONAL,
  // The next planned visit (an accompaniment or a booked conversation), when there is one.
  "citizen.appointment": VISIT,
  "citizen.general": PERSONAL,
};

export const SHIPPED_TEMPLATES: Record<TemplateKey, Record<TemplateLang, ShippedTemplate>> = {
  "reminder.accompaniment": {
    da: {
      subject: "Påmindelse: {dato} kl. {tid}",
      body: "Hej {fornavn}. En påmindelse: {medarbejder} kommer {dato} kl. {tid} og følger dig ud af døren. Vi mødes: {sted}. Kan du ikke? Ring til {koordinator} på {telefon}.",
    },
    en: {
      subject: "Reminder: {dato} at {tid}",
      body: "Hello {fornavn}. A reminder: {medarbejder} is coming on {dato} at {tid} to go out with you. We meet: {sted}. Can't make it? Call {koordinator} on {telefon}.",
    },
  },
  "reminder.conversation": {
    da: {
      subject: "Påmindelse: samtale {dato} kl. {tid}",
      body: "Hej {fornavn}. En påmindelse: {medarbejder} kommer til en snak med dig {dato} kl. {tid}. Sted: {sted}. Kan du ikke? Ring til {koordinator} på {telefon}.",
    },
    en: {
      subject: "Reminder: a talk on {dato} at {tid}",
      body: "Hello {fornavn}. A reminder: {medarbejder} is coming for a talk with you on {dato} at {tid}. Place: {sted}. Can't make it? Call {koordinator} on {telefon}.",
    },
  },
  "citizen.motivation": {
    da: {
      subject: "En hilsen fra {koordinator}",
      body: "Hej {fornavn}. Godt at du er kommet i gang – det er flot. Har du lyst til at snakke om, hvordan det går, så ring til mig på {telefon}. Venlig hilsen {koordinator}.",
    },
    en: {
      subject: "Greetings from {koordinator}",
      body: "Hello {fornavn}. Good to hear you have got started – well done. If you would like to talk about how it is going, call me on {telefon}. Kind regards, {koordinator}.",
    },
  },
  "citizen.appointment": {
    da: {
      subject: "Vores aftale {dato} kl. {tid}",
      body: "Hej {fornavn}. Husk vores aftale {dato} kl. {tid}. Sted: {sted}. Spørgsmål? Ring til {koordinator} på {telefon}.",
    },
    en: {
      subject: "Our appointment on {dato} at {tid}",
      body: "Hello {fornavn}. Remember our appointment on {dato} at {tid}. Place: {sted}. Questions? Call {koordinator} on {telefon}.",
    },
  },
  "citizen.general": {
    da: {
      subject: "Besked fra {koordinator}",
      body: "Hej {fornavn}. Ring gerne til mig på {telefon}, når det passer dig. Venlig hilsen {koordinator}.",
    },
    en: {
      subject: "A message from {koordinator}",
      body: "Hello {fornavn}. Please call me on {telefon} when it suits you. Kind regards, {koordinator}.",
    },
  },
};
