/**
 * The outcome instrument by its key (T-ILS unless the municipality chose another): the newest
 * stored version of each questionnaire, as the detection form lists them.
 */
import { useQuery } from "@tanstack/react-query";
import { useLocalText } from "../../../i18n/useLocalText";
import { detectionApi, detectionKeys } from "../../detection/api";

export function useQuestionnaires(enabled = true) {
  return useQuery({
    queryKey: detectionKeys.questionnaires,
    queryFn: ({ signal }) => detectionApi.questionnaires(signal),
    staleTime: 300_000,
    enabled,
  });
}

/** "T-ILS" for "t-ils": the instrument's title when it is known, else its key. */
export function useQuestionnaireTitle() {
  const local = useLocalText();
  const list = useQuestionnaires();
  return (key: string) => {
    const q = list.data?.find((x) => x.key === key);
    return q ? local(q.definition.title).text : key;
  };
}
