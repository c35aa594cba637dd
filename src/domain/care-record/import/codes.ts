/**
 * The code systems and identifiers an import reads (KL Gateway, dk-core).
 */
import { fsiiiIntervention } from "../../fsiii/fsiii.js";
/** dk-core CPR identifier system. */
export const CPR_SYSTEM = "urn:oid:1.2.208.176.1.2";
/** dk-core SOR identifier system (the provider organisation). */
export const SOR_SYSTEM = "urn:oid:1.2.208.176.1.1";
/** FSIII as KL Gateway names it, and KL's OID for the same CodeSystem. */
export const FSIII_SYSTEMS: ReadonlySet<string> = new Set([
  "http://kl.dk/fhir/common/caresocial/CodeSystem/FSIII",
  "urn:oid:1.2.208.176.2.21",
]);
/** KL Gateway's locally defined level-3 interventions (a municipality's own code under an FSIII level 2). */
export const LOCAL_INTERVENTIONS_SYSTEM = "http://gateway.kl.dk/1.0/CodeSystem/LocallyDefinedInterventions";

/**
 * Whether a code is an FSIII intervention (KL's ValueSet FSIIICareInterventions: the H home-care and
 * G nursing subtrees of the FSIII extract).
 */
export function isFsiiiIntervention(code: string): boolean {
  return fsiiiIntervention(code) !== undefined;
}
