"use client";

import { ClipboardPlus, PenLine, TriangleAlert } from "lucide-react";
import dynamic from "next/dynamic";
import { useRef, useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import {
  COURSE_STATUS_LABEL,
  COURSE_STATUS_VARIANT,
  PARADIGM_LABEL,
} from "@/components/treatment-plan/labels";
import { FormLoading } from "@/components/ui/form-loading";
import { clinicToday } from "@/components/treatment-plan/use-plan-action";
import { formatCalendarDate, formatDateTimeMinutes } from "@/lib/format";
import type { CourseWithOrders, DoseOrderView } from "@/lib/api/ops-courses";
import { orderedMgAtWeight } from "@/lib/clinical/dose-arithmetic";
import { CLINICAL_THRESHOLDS } from "@/lib/clinical/thresholds";
import { PROTOCOL_LABEL } from "@/lib/labels";

export type { CourseWithOrders } from "@/lib/api/ops-courses";

// The two forms load when first opened (pointing at or focusing their button starts the load),
// so reading the plan costs none of their code.
const loadNewCourseForm = () => import("@/components/treatment-plan/new-course-form");
const loadSignDoseOrderForm = () => import("@/components/treatment-plan/sign-dose-order-form");
const NewCourseForm = dynamic(() => loadNewCourseForm().then((m) => m.NewCourseForm), {
  loading: () => <FormLoading label="Loading the new course form" />,
});
const SignDoseOrderForm = dynamic(() => loadSignDoseOrderForm().then((m) => m.SignDoseOrderForm), {
  loading: () => <FormLoading label="Loading the dose order form" />,
});
const preload = (load: () => Promise<unknown>) => (): void => {
  void load().catch(() => {
    // Offline: opening the form tries again.
  });
};

/** CLINIC_TZ's default; the page passes the configured zone. */
const DEFAULT_TIME_ZONE = "America/New_York";
const DEVICE_MG = CLINICAL_THRESHOLDS.doseOrders.esketamine.deviceMg;

export type TreatmentPlanProps = {
  patientId: string;
  /** From `listCourses`: newest first, each with its orders newest first. */
  courses: CourseWithOrders[];
  /** The patient's current weight, for the mg of mg/kg orders. */
  weightKg: number | null;
  /** `can(role, "orders:sign")`: psychiatrists. */
  canSign: boolean;
  /** The clinic's time zone (`config().clinicTimeZone`) for dates and signing times. */
  timeZone?: string;
};

function orderDose(order: DoseOrderView): string {
  if (order.doseMgPerKg !== null) {
    const over = order.infusionMinutes ? ` over ${order.infusionMinutes} min` : "";
    return `${order.doseMgPerKg} mg/kg ${order.route.toUpperCase()}${over}`;
  }
  if (order.drug === "esketamine" && order.doseMg !== null) {
    const devices = order.doseMg / DEVICE_MG;
    return `${order.doseMg} mg intranasal (${devices} device${devices === 1 ? "" : "s"})`;
  }
  return `${order.doseMg ?? "?"} mg ${order.route}`;
}

function doseAtWeight(order: DoseOrderView, weightKg: number | null): string {
  if (weightKg === null) return "No weight on file";
  if (order.doseMgPerKg !== null) return `${orderedMgAtWeight(order.doseMgPerKg, weightKg)} mg`;
  return order.doseMg !== null ? `${(order.doseMg / weightKg).toFixed(2)} mg/kg` : "—";
}

function OrdersTable({
  orders,
  weightKg,
  timeZone,
  today,
}: {
  orders: DoseOrderView[];
  weightKg: number | null;
  timeZone: string;
  today: string;
}): React.JSX.Element {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Dose</TableHead>
          <TableHead scope="col">{weightKg === null ? "At weight" : `At ${weightKg} kg`}</TableHead>
          <TableHead scope="col">Valid</TableHead>
          <TableHead scope="col">Signed</TableHead>
          <TableHead scope="col">Out-of-range reason</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {orders.map((order) => {
          const inForce =
            order.validFrom <= today && (order.validUntil === null || order.validUntil >= today);
          return (
            <TableRow key={order.id}>
              <TableCell className="font-medium whitespace-normal">
                {orderDose(order)}
                {inForce ? (
                  <Badge variant="success" className="ml-2">
                    In force
                  </Badge>
                ) : null}
              </TableCell>
              <TableCell className="tabular">{doseAtWeight(order, weightKg)}</TableCell>
              <TableCell className="whitespace-normal">
                {formatCalendarDate(order.validFrom)} –{" "}
                {order.validUntil ? formatCalendarDate(order.validUntil) : "until replaced"}
              </TableCell>
              <TableCell className="whitespace-normal">
                {order.signedBy.name}
                {order.signedAt ? (
                  <span className="block text-xs text-muted-foreground">
                    {formatDateTimeMinutes(new Date(order.signedAt), timeZone)}
                  </span>
                ) : null}
              </TableCell>
              <TableCell className="whitespace-normal wrap-anywhere">
                {order.outOfRangeReason ?? "—"}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function CourseCard({
  course,
  props,
  today,
}: {
  course: CourseWithOrders;
  props: TreatmentPlanProps & { timeZone: string };
  today: string;
}): React.JSX.Element {
  const [signing, setSigning] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const open = course.status === "planned" || course.status === "active";
  const titleId = `course-${course.id}-title`;
  const end = course.endDate ? formatCalendarDate(course.endDate) : "ongoing";
  return (
    <article aria-labelledby={titleId} className="space-y-3 rounded-xl border bg-card p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 id={titleId} className="font-semibold">
            {PROTOCOL_LABEL[course.protocol]}
          </h3>
          <p className="text-sm text-muted-foreground">
            {PARADIGM_LABEL[course.paradigm]} · {course.plannedSessions} planned dosing session
            {course.plannedSessions === 1 ? "" : "s"} · {formatCalendarDate(course.startDate)} –{" "}
            {end}
          </p>
        </div>
        <Badge variant={COURSE_STATUS_VARIANT[course.status]}>
          {COURSE_STATUS_LABEL[course.status]}
        </Badge>
      </div>
      {course.orders.length > 0 ? (
        <OrdersTable
          orders={course.orders}
          weightKg={props.weightKg}
          timeZone={props.timeZone}
          today={today}
        />
      ) : open ? (
        <Alert variant="warning">
          <TriangleAlert aria-hidden="true" />
          <AlertTitle>No dose order</AlertTitle>
          <AlertDescription>
            A dose cannot be recorded for this course until a psychiatrist signs an order.
          </AlertDescription>
        </Alert>
      ) : (
        <p className="text-sm text-muted-foreground">No dose order was signed.</p>
      )}
      {props.canSign && open ? (
        <>
          <Button
            ref={toggleRef}
            variant="outline"
            aria-expanded={signing}
            aria-controls={`order-${course.id}-form`}
            onClick={() => setSigning((s) => !s)}
            onPointerEnter={preload(loadSignDoseOrderForm)}
            onFocus={preload(loadSignDoseOrderForm)}
          >
            <PenLine aria-hidden="true" />
            Sign dose order
          </Button>
          {signing ? (
            <SignDoseOrderForm
              course={course}
              weightKg={props.weightKg}
              timeZone={props.timeZone}
              onDone={() => {
                setSigning(false);
                toggleRef.current?.focus();
              }}
            />
          ) : null}
        </>
      ) : null}
    </article>
  );
}

/**
 * A patient's treatment plan: each course with its dose orders; psychiatrists also open a
 * course and sign orders here.
 */
export function TreatmentPlan(input: TreatmentPlanProps): React.JSX.Element {
  const props = { ...input, timeZone: input.timeZone ?? DEFAULT_TIME_ZONE };
  const [creating, setCreating] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const today = clinicToday(props.timeZone);
  return (
    <section aria-labelledby="treatment-plan-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="treatment-plan-heading" className="text-lg font-semibold">
          Treatment plan
        </h2>
        {props.canSign ? (
          <Button
            ref={toggleRef}
            aria-expanded={creating}
            aria-controls="new-course-form"
            onClick={() => setCreating((c) => !c)}
            onPointerEnter={preload(loadNewCourseForm)}
            onFocus={preload(loadNewCourseForm)}
          >
            <ClipboardPlus aria-hidden="true" />
            New treatment course
          </Button>
        ) : null}
      </div>
      {creating ? (
        <NewCourseForm
          patientId={props.patientId}
          timeZone={props.timeZone}
          onDone={() => {
            setCreating(false);
            toggleRef.current?.focus();
          }}
        />
      ) : null}
      {props.courses.length === 0 ? (
        <p className="text-sm text-muted-foreground">No treatment course yet.</p>
      ) : (
        props.courses.map((course) => (
          <CourseCard key={course.id} course={course} props={props} today={today} />
        ))
      )}
    </section>
  );
}
