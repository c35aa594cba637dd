/**
 * Fictitious demo material. Common Danish first and last names combined at
 * random; street, town and postal code combinations are invented
 * ("Fjordby Kommune" does not exist), so no real person or address is used.
 */
export const FEMALE_NAMES = [
  "Anna", "Birthe", "Bodil", "Dorthe", "Edith", "Else", "Erna", "Gerda", "Grethe", "Gudrun", "Hanne", "Ingrid",
  "Inger", "Jytte", "Karen", "Kirsten", "Lis", "Lone", "Margrethe", "Marie", "Ruth", "Solveig", "Tove", "Ulla", "Aase", "Åse", "Ellen", "Agnete",
] as const;
export const MALE_NAMES = [
  "Arne", "Bent", "Carl", "Erik", "Finn", "Flemming", "Frede", "Gunnar", "Hans", "Henning", "Holger", "Jens", "Johannes",
  "Jørgen", "Knud", "Leif", "Niels", "Ole", "Poul", "Svend", "Søren", "Thorvald", "Verner", "Aage", "Ejnar", "Kaj",
] as const;
export const LAST_NAMES = [
  "Andersen", "Christensen", "Frandsen", "Hansen", "Holm", "Iversen", "Jensen", "Jeppesen", "Kristensen", "Larsen", "Lund",
  "Madsen", "Mikkelsen", "Møller", "Nielsen", "Olsen", "Pedersen", "Poulsen", "Rasmussen", "Schmidt", "Sørensen",
  "Thomsen", "Østergaard", "Ørum", "Aagaard", "Åberg", "Dahl", "Bak", "Vestergaard", "Kjær", "Mortensen", "Brandt",
] as const;

export const STREETS = [
  "Fjordvej", "Mågevej", "Ålekistevej", "Lyngbakken", "Kirkestien", "Mølleløkken", "Hyldegården", "Skovbrynet",
  "Engtoften", "Havnegade", "Stationsvej", "Bøgealle", "Tjørnevænget", "Kløverparken", "Rugmarken", "Æblehaven",
  "Præstevænget", "Smedegyden", "Vandværksvej", "Gl. Landevej",
] as const;

/** Invented towns, each with an invented postal code, grouped by home-care district. */
export const TOWNS = [
  { district: "Distrikt Nord", city: "Fjordby", postalCode: "9901" },
  { district: "Distrikt Nord", city: "Nørre Lyngå", postalCode: "9902" },
  { district: "Distrikt Syd", city: "Sønderhede", postalCode: "9903" },
  { district: "Distrikt Syd", city: "Bækmarken", postalCode: "9904" },
  { district: "Distrikt Vest", city: "Vesterstrand", postalCode: "9905" },
  { district: "Distrikt Vest", city: "Klitby", postalCode: "9906" },
] as const;

export const RELATIONS = ["datter", "søn", "nevø", "niece", "barnebarn", "nabo", "ven", "svigerdatter", "bror", "søster"] as const;
