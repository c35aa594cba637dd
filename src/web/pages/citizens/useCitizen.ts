import { useQuery } from "@tanstack/react-query";
import { citizensApi, keys } from "../../api/endpoints";

export function useCitizen(id: string) {
  return useQuery({ queryKey: keys.citizen(id), queryFn: ({ signal }) => citizensApi.get(id, signal) });
}
