/**
 * Where and when an activity happens: a meeting place with address (and coordinates when
 * known, for distances), the citizen's home, or by phone/video; weekly, monthly ("første
 * tirsdag"), on single dates, or by arrangement (visiting and phone friends).
 */
import { PLACE_KINDS, REMOTE_CHANNELS, SCHEDULE_KINDS } from "../../../../domain/matching/types";
import { Button } from "../../../components/Button";
import { CheckboxList, RadioGroup, choiceId, toggle } from "../../../components/Choices";
import { SelectField, TextField } from "../../../components/Field";
import { FormSection } from "../../../components/FormLayout";
import type { FieldSpec } from "../../../forms/useForm";
import type { FieldErrors } from "../../../forms/validation";
import { WEEKDAYS } from "../search/search-params";
import { type Words, useWords } from "../words";
import type { ActivityValues } from "./activity-form";

export interface ActivityFieldProps {
  values: ActivityValues;
  setValues: (update: (v: ActivityValues) => ActivityValues) => void;
  /** The form's setter of one field (useForm's `set`). */
  set: <K extends keyof ActivityValues>(key: K) => (value: ActivityValues[K]) => void;
  errors: FieldErrors;
}

const WEEKS = ["1", "2", "3", "4", "-1"] as const;

/** The error summary's entries for these fields (path of the API's field → input id). */
export function placeScheduleSpecs(w: Words, values: ActivityValues): FieldSpec[] {
  const { t } = w;
  return [
    { name: "place.name", inputId: "act-venue-name", label: t("form.venueName") },
    { name: "place.address.line", inputId: "act-line", label: t("form.addressLine") },
    { name: "place.address.postalCode", inputId: "act-postal", label: t("form.postalCode") },
    { name: "place.address.city", inputId: "act-city", label: t("form.city") },
    { name: "place.lat", inputId: "act-lat", label: t("form.lat") },
    { name: "place.lon", inputId: "act-lon", label: t("form.lon") },
    { name: "place.channels", inputId: choiceId("act-channels", "phone"), label: t("form.channels") },
    { name: "schedule.weekdays", inputId: choiceId("act-weekdays", "1"), label: t("form.weekdays") },
    { name: "schedule.week", inputId: "act-month-week", label: t("form.monthWeek") },
    { name: "schedule.weekday", inputId: "act-month-weekday", label: t("form.monthWeekday") },
    { name: "schedule.dates", inputId: "act-date-0", label: t("form.dates") },
    ...values.dates.map((_, i) => ({
      name: `schedule.dates.${i}`,
      inputId: `act-date-${i}`,
      label: t("form.dateN", { n: i + 1 }),
    })),
    { name: "schedule.startTime", inputId: "act-start", label: t("form.startTime") },
    { name: "schedule.endTime", inputId: "act-end", label: t("form.endTime") },
  ];
}

export function PlaceFields({ values, setValues, set, errors }: ActivityFieldProps) {
  const w = useWords();
  const { t } = w;
  return (
    <FormSection heading={t("form.placeHeading")}>
      <RadioGroup
        id="act-place-kind"
        legend={t("form.placeKind")}
        value={values.placeKind}
        onChange={(k) => set("placeKind")(k as ActivityValues["placeKind"])}
        choices={PLACE_KINDS.map((k) => ({ value: k, label: w.code("placeKind", k) }))}
      />
      {values.placeKind === "venue" ? (
        <>
          <TextField
            id="act-venue-name"
            label={t("form.venueName")}
            hint={t("form.venueNameHint")}
            value={values.venueName}
            onChange={set("venueName")}
            error={errors["place.name"]}
            maxLength={200}
          />
          <TextField
            id="act-line"
            label={t("form.addressLine")}
            autoComplete="street-address"
            value={values.line}
            onChange={set("line")}
            error={errors["place.address.line"]}
          />
          <div className="field-row">
            <TextField
              id="act-postal"
              label={t("form.postalCode")}
              inputMode="numeric"
              autoComplete="postal-code"
              width="input-width-xs"
              value={values.postalCode}
              onChange={set("postalCode")}
              error={errors["place.address.postalCode"]}
            />
            <TextField
              id="act-city"
              label={t("form.city")}
              value={values.city}
              onChange={set("city")}
              error={errors["place.address.city"]}
            />
          </div>
          <div className="field-row">
            <TextField
              id="act-lat"
              label={t("form.lat")}
              optional
              inputMode="decimal"
              width="input-width-s"
              value={values.lat}
              onChange={set("lat")}
              error={errors["place.lat"]}
            />
            <TextField
              id="act-lon"
              label={t("form.lon")}
              optional
              inputMode="decimal"
              width="input-width-s"
              value={values.lon}
              onChange={set("lon")}
              error={errors["place.lon"]}
            />
          </div>
          <p className="form-hint">{t("form.coordinatesHint")}</p>
        </>
      ) : null}
      {values.placeKind === "remote" ? (
        <CheckboxList
          id="act-channels"
          legend={t("form.channels")}
          choices={REMOTE_CHANNELS.map((c) => ({ value: c, label: w.code("remoteChannel", c) }))}
          checked={(c) => values.channels.includes(c)}
          onChange={(c, on) => setValues((v) => ({ ...v, channels: toggle(v.channels, c, on) }))}
        />
      ) : null}
      {errors["place.channels"] ? <p className="form-error-message">{errors["place.channels"]}</p> : null}
    </FormSection>
  );
}

export function ScheduleFields({ values, setValues, set, errors }: ActivityFieldProps) {
  const w = useWords();
  const { t } = w;
  const setDate = (i: number, value: string) =>
    setValues((v) => ({ ...v, dates: v.dates.map((d, n) => (n === i ? value : d)) }));
  return (
    <FormSection heading={t("form.scheduleHeading")}>
      <RadioGroup
        id="act-schedule-kind"
        legend={t("form.scheduleKind")}
        value={values.scheduleKind}
        onChange={(k) => set("scheduleKind")(k as ActivityValues["scheduleKind"])}
        choices={SCHEDULE_KINDS.map((k) => ({ value: k, label: w.code("scheduleKind", k) }))}
      />
      {values.scheduleKind === "weekly" ? (
        <div className="form-group catalog-compact">
          <CheckboxList
            id="act-weekdays"
            legend={t("form.weekdays")}
            choices={WEEKDAYS.map((d) => ({ value: String(d), label: w.weekdayLabel(d) }))}
            checked={(d) => values.weekdays.includes(d)}
            onChange={(d, on) => setValues((v) => ({ ...v, weekdays: toggle(v.weekdays, d, on) }))}
          />
          {errors["schedule.weekdays"] ? (
            <p className="form-error-message">{errors["schedule.weekdays"]}</p>
          ) : null}
        </div>
      ) : null}
      {values.scheduleKind === "monthly" ? (
        <div className="field-row">
          <SelectField
            id="act-month-week"
            label={t("form.monthWeek")}
            value={values.monthWeek}
            onChange={set("monthWeek")}
            options={WEEKS.map((n) => ({ value: n, label: w.code("week", n === "-1" ? "last" : n) }))}
            error={errors["schedule.week"]}
          />
          <SelectField
            id="act-month-weekday"
            label={t("form.monthWeekday")}
            value={values.monthWeekday}
            onChange={set("monthWeekday")}
            options={WEEKDAYS.map((d) => ({ value: String(d), label: w.weekdayLabel(d) }))}
            error={errors["schedule.weekday"]}
          />
        </div>
      ) : null}
      {values.scheduleKind === "dates" ? (
        <div className="form-group">
          {values.dates.map((d, i) => (
            <div key={i} className="field-row">
              <TextField
                id={`act-date-${i}`}
                type="date"
                label={t("form.dateN", { n: i + 1 })}
                width="input-width-s"
                value={d}
                onChange={(v) => setDate(i, v)}
                error={errors[`schedule.dates.${i}`] ?? (i === 0 ? errors["schedule.dates"] : undefined)}
              />
              {values.dates.length > 1 ? (
                <Button
                  variant="function-link"
                  icon="minus"
                  onClick={() => setValues((v) => ({ ...v, dates: v.dates.filter((_, n) => n !== i) }))}
                >
                  {t("form.removeDate", { n: i + 1 })}
                </Button>
              ) : null}
            </div>
          ))}
          <Button
            variant="secondary"
            icon="plus"
            className="mt-4"
            disabled={values.dates.length >= 60}
            onClick={() => setValues((v) => ({ ...v, dates: [...v.dates, ""] }))}
          >
            {t("form.addDate")}
          </Button>
        </div>
      ) : null}
      {values.scheduleKind !== "by_arrangement" ? (
        <div className="field-row">
          <TextField
            id="act-start"
            type="time"
            label={t("form.startTime")}
            width="input-width-xs"
            value={values.startTime}
            onChange={set("startTime")}
            error={errors["schedule.startTime"]}
          />
          <TextField
            id="act-end"
            type="time"
            label={t("form.endTime")}
            width="input-width-xs"
            value={values.endTime}
            onChange={set("endTime")}
            error={errors["schedule.endTime"]}
          />
        </div>
      ) : null}
    </FormSection>
  );
}
