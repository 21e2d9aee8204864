import { ShieldX } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { paths } from "@/lib/paths";

export default function Forbidden(): React.JSX.Element {
  return (
    <main className="flex min-h-dvh items-center justify-center px-4">
      <div className="max-w-md space-y-4 text-center">
        <ShieldX className="mx-auto size-12 text-destructive" aria-hidden="true" />
        <h1 className="text-2xl font-semibold">Not permitted</h1>
        <p className="text-muted-foreground">
          Your role does not give access to this page. If you need it for your work, ask a clinic
          administrator. The attempt has been recorded in the audit log.
        </p>
        <Button asChild>
          <Link href={paths.home()}>Back to my home page</Link>
        </Button>
      </div>
    </main>
  );
}
