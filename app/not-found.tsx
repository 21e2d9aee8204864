import { SearchX } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { paths } from "@/lib/paths";

export default function NotFound(): React.JSX.Element {
  return (
    <main className="flex min-h-dvh items-center justify-center px-4">
      <div className="max-w-md space-y-4 text-center">
        <SearchX className="mx-auto size-12 text-muted-foreground" aria-hidden="true" />
        <h1 className="text-2xl font-semibold">Page not found</h1>
        <p className="text-muted-foreground">There is nothing at this address.</p>
        <Button asChild>
          <Link href={paths.home()}>Back to my home page</Link>
        </Button>
      </div>
    </main>
  );
}
