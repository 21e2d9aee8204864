"use client";

import { ShieldAlert, TriangleAlert } from "lucide-react";
import { useId, useRef, useState, useSyncExternalStore } from "react";
import { toast } from "@/components/ui/toast";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { ApiClientError, apiRequest } from "@/lib/api/client";
import type { AssessmentRecorded } from "@/lib/assessments/assessment-schemas";
import {
  INSTRUMENTS,
  SAFETY_FLAGS,
  scoreAssessment,
  type AssessmentFlag,
  type InstrumentCode,
  type InstrumentDefinition,
  type ResponseOption,
} from "@/lib/clinical/instruments";
import { localInputValue } from "@/lib/datetime-local";
import { cn } from "@/lib/utils";

export type AssessmentFormProps = {
  patientId: string;
  /** The instruments this user may enter (`instrumentsRecordableBy(role)`); the first is the default. */
  allowedInstruments: InstrumentCode[];
  defaultInstrument?: InstrumentCode;
  onSaved?: () => void;
};

type Answers = (number | null)[];

const FLAG_TEXT: Record<AssessmentFlag, string> = {
  "suicidal-ideation": "suicidal ideation",
  "suicide-risk": "suicide risk",
  "dsm5-pattern": "the DSM-5 PTSD symptom pattern",
};

/** Instruments whose full public-domain wording is shown with worded response options. */
const WORDED: readonly InstrumentCode[] = ["PHQ-9", "GAD-7"];

function emptyAnswers(code: InstrumentCode): Answers {
  return Array.from({ length: INSTRUMENTS[code].itemCount }, () => null);
}

/** C-SSRS screener: Q3–Q5 only after a yes to Q2, "Q6 within 3 months" only after a yes to Q6. */
function isAsked(code: InstrumentCode, answers: Answers, index: number): boolean {
  if (code !== "C-SSRS") return true;
  if (index >= 2 && index <= 4) return answers[1] === 1;
  if (index === 6) return answers[5] === 1;
  return true;
}

const noSubscription = (): (() => void) => () => {};

function summaryOf(result: AssessmentRecorded): string {
  if (result.risk) return `${result.instrument} recorded: ${result.risk} risk`;
  if (result.severity) return `${result.instrument} recorded: ${result.total} (${result.severity})`;
  return `${result.instrument} recorded: ${result.total ?? "—"}`;
}

function responseKey(def: InstrumentDefinition): string {
  if (def.code === "C-SSRS") {
    return "Q3–Q5 are asked after a yes to Q2; “within the past 3 months” after a yes to Q6.";
  }
  if (def.responseOptions) {
    return def.responseOptions.map((o) => `${o.value} = ${o.label}`).join(" · ");
  }
  return `Rate each item from ${def.itemMin} to ${def.itemMax}.`;
}

/**
 * One answer of an item: a native radio (arrow keys move within the item) stretched over its
 * visible label, so the whole target is clickable and its name is the option's wording.
 */
function Choice(props: {
  id: string;
  name: string;
  value: number;
  option: ResponseOption | undefined;
  worded: boolean;
  checked: boolean;
  onChoose: () => void;
}): React.JSX.Element {
  const { option, worded } = props;
  return (
    <label
      className={cn(
        "relative flex items-center justify-center rounded-md border text-sm has-[:checked]:border-primary has-[:checked]:bg-primary has-[:checked]:text-primary-foreground",
        worded ? "min-h-11 px-3 py-2 text-center" : "size-11 tabular-nums",
      )}
    >
      <input
        id={props.id}
        type="radio"
        name={props.name}
        value={props.value}
        checked={props.checked}
        onChange={props.onChoose}
        className="absolute inset-0 m-0 size-full cursor-pointer appearance-none rounded-md outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2"
      />
      <span className="pointer-events-none relative">
        {worded && option ? option.label : props.value}
        {!worded && option ? <span className="sr-only"> {option.label}</span> : null}
      </span>
    </label>
  );
}

export function AssessmentForm({
  patientId,
  allowedInstruments,
  defaultInstrument,
  onSaved,
}: AssessmentFormProps): React.JSX.Element {
  const uid = useId();
  const initial =
    defaultInstrument && allowedInstruments.includes(defaultInstrument)
      ? defaultInstrument
      : allowedInstruments[0];
  const [code, setCode] = useState<InstrumentCode | undefined>(initial);
  const [answers, setAnswers] = useState<Answers>(() => (initial ? emptyAnswers(initial) : []));
  // Null until the clinician changes the time: the server then stamps the moment of saving.
  const [administered, setAdministered] = useState<string | null>(null);
  const [nowDefault, setNowDefault] = useState(() => localInputValue(new Date()));
  // The server renders the field empty: its clock and time zone are not the tablet's.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<{ message: string; details: string[] } | null>(null);
  const [flagged, setFlagged] = useState<AssessmentRecorded | null>(null);
  // One key per distinct payload: a retry of the same entry replays, an edited entry is new.
  const keyRef = useRef<{ key: string; payload: string } | null>(null);

  if (!code) {
    return <p className="text-sm text-muted-foreground">You are not permitted to record scales.</p>;
  }
  const def = INSTRUMENTS[code];
  const worded = WORDED.includes(code);
  const sent = answers.map((a, i) => (isAsked(code, answers, i) ? a : 0));
  const missing = sent.flatMap((a, i) => (a === null ? [i + 1] : []));
  const askedCount = def.items.filter((_, i) => isAsked(code, answers, i)).length;
  const preview = missing.length === 0 ? scoreAssessment(code, sent) : null;
  const itemId = (n: number, value: number): string => `${uid}-${code}-${n}-${value}`;

  function chooseInstrument(next: InstrumentCode): void {
    setCode(next);
    setAnswers(emptyAnswers(next));
    setProblem(null);
  }

  function answer(index: number, value: number): void {
    setAnswers((prev) => prev.map((a, i) => (i === index ? value : a)));
    setProblem(null);
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!code) return;
    const first = missing[0];
    if (first !== undefined) {
      setProblem({ message: `Answer every item: ${missing.join(", ")} unanswered.`, details: [] });
      document.getElementById(itemId(first, def.itemMin))?.focus();
      return;
    }
    const body = {
      instrument: code,
      items: sent,
      ...(administered ? { administeredAt: new Date(administered).toISOString() } : {}),
    };
    const payload = JSON.stringify(body);
    if (keyRef.current?.payload !== payload) keyRef.current = { key: crypto.randomUUID(), payload };
    setPending(true);
    setProblem(null);
    try {
      const result = await apiRequest<AssessmentRecorded>(
        `/api/v1/patients/${patientId}/assessments`,
        { method: "POST", body, idempotencyKey: keyRef.current.key },
      );
      keyRef.current = null;
      toast.success(summaryOf(result));
      setFlagged(result.flags.some((f) => SAFETY_FLAGS.includes(f)) ? result : null);
      setAnswers(emptyAnswers(code));
      setAdministered(null);
      setNowDefault(localInputValue(new Date()));
      onSaved?.();
    } catch (error) {
      setProblem(
        error instanceof ApiClientError
          ? { message: error.message, details: error.fields.map((f) => f.message) }
          : { message: "The scale could not be saved. Try again.", details: [] },
      );
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-4">
      {flagged ? (
        <Alert variant="destructive" role="alert">
          <ShieldAlert aria-hidden="true" />
          <AlertTitle>Safety flag raised</AlertTitle>
          <AlertDescription>
            <p>
              {flagged.instrument} flags{" "}
              {flagged.flags
                .filter((f) => SAFETY_FLAGS.includes(f))
                .map((f) => FLAG_TEXT[f])
                .join(" and ")}
              . Tell the psychiatrist and the nurse on duty and follow the clinic&apos;s safety
              protocol.
            </p>
            <Button type="button" size="sm" variant="outline" onClick={() => setFlagged(null)}>
              Dismiss
            </Button>
          </AlertDescription>
        </Alert>
      ) : null}
      <form
        onSubmit={onSubmit}
        aria-label="Record a symptom scale"
        className="space-y-4"
        noValidate
      >
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="grid gap-1.5">
            <Label htmlFor={`${uid}-instrument`}>Instrument</Label>
            <NativeSelect
              id={`${uid}-instrument`}
              value={code}
              onChange={(e) => {
                const next = allowedInstruments.find((c) => c === e.target.value);
                if (next) chooseInstrument(next);
              }}
            >
              {allowedInstruments.map((c) => (
                <option key={c} value={c}>
                  {c} — {INSTRUMENTS[c].name}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor={`${uid}-administered`}>Administered at</Label>
            <Input
              id={`${uid}-administered`}
              type="datetime-local"
              value={administered ?? (hydrated ? nowDefault : "")}
              onChange={(e) => setAdministered(e.target.value || null)}
            />
          </div>
        </div>
        <p className="text-sm text-muted-foreground">
          {def.rater === "self"
            ? "Self-report: enter the patient's own answers."
            : "Clinician-rated."}{" "}
          {worded ? def.stem : responseKey(def)}
        </p>
        <ol className={cn("grid gap-3", !worded && "lg:grid-cols-2")}>
          {def.items.map((item, index) =>
            isAsked(code, answers, index) ? (
              <li key={`${code}-${item.number}`}>
                <fieldset className="rounded-md border p-3">
                  <legend className="px-1 text-sm font-medium">
                    {code === "C-SSRS" || code === "CADSS"
                      ? item.label
                      : `${item.number}. ${item.label}`}
                  </legend>
                  <div
                    className={cn(
                      "mt-1 gap-2",
                      worded ? "grid grid-cols-2 lg:grid-cols-4" : "flex flex-wrap",
                    )}
                  >
                    {Array.from({ length: def.itemMax - def.itemMin + 1 }, (_, k) => (
                      <Choice
                        key={k}
                        id={itemId(item.number, def.itemMin + k)}
                        name={`${uid}-${code}-${item.number}`}
                        value={def.itemMin + k}
                        option={def.responseOptions?.find((o) => o.value === def.itemMin + k)}
                        worded={worded || code === "C-SSRS"}
                        checked={answers[index] === def.itemMin + k}
                        onChoose={() => answer(index, def.itemMin + k)}
                      />
                    ))}
                  </div>
                </fieldset>
              </li>
            ) : null,
          )}
        </ol>
        <div aria-live="polite" className="rounded-md bg-muted px-3 py-2 text-sm">
          {preview?.ok ? (
            <p>
              <span className="font-medium">Preview:</span>{" "}
              {preview.score.risk
                ? `risk ${preview.score.risk}`
                : `total ${preview.score.total} / ${def.totalMax}`}
              {preview.score.band && !preview.score.risk ? ` (${preview.score.band})` : ""}
              {preview.score.flags.length > 0
                ? ` — flags: ${preview.score.flags.map((f) => FLAG_TEXT[f]).join(", ")}`
                : ""}
            </p>
          ) : (
            <p>
              {askedCount - missing.length} of {askedCount} items answered; the total appears when
              every item is answered.
            </p>
          )}
        </div>
        {problem ? (
          <Alert variant="destructive" role="alert">
            <TriangleAlert aria-hidden="true" />
            <AlertTitle>{problem.message}</AlertTitle>
            {problem.details.length > 1 ? (
              <AlertDescription>
                <ul className="list-disc pl-4">
                  {problem.details.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              </AlertDescription>
            ) : null}
          </Alert>
        ) : null}
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : `Save ${code}`}
        </Button>
      </form>
    </div>
  );
}
