#!/usr/bin/env python3
"""The writers of bench/load.sh and the check that nothing they were told was saved is lost.

  load_writes.py paths BASE                         prints the public addresses wrk goes round
  load_writes.py write BASE SECONDS TOKENS LOG      writes for SECONDS, every outcome into LOG
  load_writes.py verify DATABASE LOG SERVER_LOG     looks every accepted write up, prints the
                                                    figures; exit status 1 on any refused,
                                                    failed or lost write or server error

BASE is http://127.0.0.1:PORT; TOKENS has a line "email token" per API token. The writers are
focal points and coordinators of the demo: some send progress spreadsheets (CSV) to
POST /api/v1/imports with their token, the others record single updates through the browser's
progress form (a session from the sign-in form, the form's own fields and version). Each writer
has commitments of its own, so no write is refused for a concurrent change. Python's standard
library only.
"""

import csv
import http.cookiejar
import io
import json
import re
import sqlite3
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

PASSWORD = "demo-password-2026"
TIMEOUT = 30
ROWS_PER_FILE = 4
RUN = time.strftime("%Y%m%dT%H%M%S")


def demo(who, iso3):
    return f"{who}.{iso3.lower()}@demo.nap-tracker.example"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is the answer to check, not a page to load."""

    def redirect_request(self, *args, **kwargs):
        return None


def get_json(base, path):
    with urllib.request.urlopen(base + path, timeout=TIMEOUT) as reply:
        return json.load(reply)


def published(base):
    """Every published commitment of the demo, by country."""
    countries = get_json(base, "/api/v1/countries")
    return {
        c["iso3"]: get_json(base, f"/api/v1/countries/{c['iso3']}/commitments")
        for c in countries
    }


def paths(base):
    by_country = published(base)
    ken = by_country["KEN"]
    listed = [
        "/", "/countries", "/countries/KEN", "/countries/FIN", "/coverage",
        "/coverage?group=SPR", "/coverage?region=africa", "/recommendations",
        "/recommendations/MEV-5", "/recommendations/POL-7", "/groups/MEV",
        "/search?q=health", "/open-data",
        "/api/v1/recommendations", "/api/v1/recommendations/MEV-5", "/api/v1/countries",
        "/api/v1/countries/KEN/commitments", "/api/v1/countries/NPL/commitments",
        "/data/commitments.csv?country=KEN", "/data/commitments.json?recommendation=MEV-5",
    ]
    # Commitment pages, as HTML and JSON, of commitments the writers move on.
    for c in ken[:: max(1, len(ken) // 6)]:
        listed += [f"/commitments/{c['id']}", f"/api/v1/commitments/{c['id']}"]
    print("\n".join(listed))


class Writer(threading.Thread):
    """One person writing in a loop until the deadline, on its own commitments."""

    def __init__(self, base, email, commitments, deadline):
        super().__init__(name=f"{type(self).__name__} {email}")
        self.base, self.email, self.deadline = base, email, deadline
        self.commitments = commitments
        self.outcomes = []
        self.turn = 0

    def run(self):
        try:
            self.prepare()
        except Exception as error:  # noqa: BLE001 - any failure is a figure to report
            self.outcomes.append(self.outcome("failed", message=f"setting up: {error!r}"))
            return
        while time.monotonic() < self.deadline:
            started = time.monotonic()
            try:
                outcome = self.write_once()
            except urllib.error.HTTPError as error:
                body = error.read().decode("utf-8", "replace")[:500]
                outcome = self.outcome("refused", http=error.code, message=body)
            except Exception as error:  # noqa: BLE001 - no answer, a timeout: a failed write
                outcome = self.outcome("failed", message=repr(error))
            outcome["seconds"] = round(time.monotonic() - started, 4)
            self.outcomes.append(outcome)
            self.turn += 1

    def outcome(self, state, **fields):
        return {"writer": self.name, "state": state, **fields}

    def marker(self, n=0):
        return f"load {RUN} {self.name} write {self.turn} row {n}"

    def next_commitments(self, count):
        return [
            self.commitments[(self.turn * count + n) % len(self.commitments)]
            for n in range(min(count, len(self.commitments)))
        ]

    def values(self, n=0):
        """A status and % complete that differ from one write to the next."""
        percent = 1 + (self.turn * 7 + n * 13) % 98
        return ("substantial" if percent >= 50 else "limited"), percent


class Importer(Writer):
    """Sends small progress spreadsheets through the API with a token."""

    def __init__(self, base, email, commitments, deadline, token, iso3, owner):
        super().__init__(base, email, commitments, deadline)
        self.token, self.iso3, self.owner = token, iso3, owner

    def prepare(self):
        pass

    def write_once(self):
        rows = []
        for n, cid in enumerate(self.next_commitments(ROWS_PER_FILE)):
            status, percent = self.values(n)
            rows.append({"commitment": cid, "status": status, "percent": percent,
                         "narrative": self.marker(n)})
        text = io.StringIO()
        sheet = csv.writer(text)
        sheet.writerow(["Commitment ID", "Status", "% complete", "Narrative"])
        for r in rows:
            sheet.writerow([r["commitment"], r["status"], r["percent"], r["narrative"]])
        boundary = f"load-bench-{RUN}-{self.turn}"
        body = (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="progress-{self.turn}.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n"
            f"{text.getvalue()}\r\n--{boundary}--\r\n"
        ).encode()
        query = urllib.parse.urlencode({"owner": self.owner, "country": self.iso3})
        request = urllib.request.Request(
            f"{self.base}/api/v1/imports?{query}", data=body, method="POST",
            headers={"Authorization": f"Bearer {self.token}",
                     "Content-Type": f"multipart/form-data; boundary={boundary}"})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as reply:
                status, report = reply.status, json.load(reply)
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read().decode("utf-8", "replace")
            return self.outcome("refused", kind="import", http=status, message=body[:500],
                                rows=rows)
        if status != 201 or report.get("batch") is None or report.get("accepted") != len(rows):
            return self.outcome("refused", kind="import", http=status,
                                message=json.dumps(report)[:500], rows=rows)
        return self.outcome("accepted", kind="import", http=status, batch=report["batch"],
                            rows=rows)


class FormReporter(Writer):
    """Records single updates as a browser does without JavaScript: the report page's form,
    posted with the session cookie and the site's Origin."""

    def prepare(self):
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar), NoRedirect)
        page = self.fetch("/sign-in")
        action = re.search(r'action="(/api/sign_in[^"]*)"', page).group(1)
        code, body = self.post(action, {"email": self.email, "password": PASSWORD, "next": ""})
        if code >= 400 or not any(c.name == "nap_session" for c in jar):
            raise RuntimeError(f"signing in as {self.email}: HTTP {code}, no session: {body[:300]}")

    def fetch(self, path):
        with self.opener.open(self.base + path, timeout=TIMEOUT) as reply:
            return reply.read().decode()

    def post(self, path, fields):
        request = urllib.request.Request(
            self.base + path, data=urllib.parse.urlencode(fields).encode(), method="POST",
            headers={"Origin": self.base, "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with self.opener.open(request, timeout=TIMEOUT) as reply:
                return reply.status, reply.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:  # also a redirect, which is not followed
            return error.code, error.read().decode("utf-8", "replace")

    def write_once(self):
        (cid,) = self.next_commitments(1)
        page = self.fetch(f"/commitments/{cid}/report")
        action = re.search(r'action="(/api/report_progress[^"]*)"', page)
        version = re.search(r'name="form\[version\]" value="(\d+)"', page)
        if not (action and version):
            return self.outcome("refused", kind="form", commitment=cid,
                                message=f"/commitments/{cid}/report shows no progress form")
        status, percent = self.values()
        row = {"commitment": cid, "status": status, "percent": percent,
               "narrative": self.marker(), "version": int(version.group(1))}
        code, body = self.post(action.group(1), {
            "id": cid, "form[version]": row["version"], "form[status]": status,
            "form[percent_complete]": percent, "form[narrative]": row["narrative"]})
        state = "accepted" if 200 <= code < 400 else "refused"
        return self.outcome(state, kind="form", http=code, message=body[:500], rows=[row])


def write(base, seconds, tokens_file, log):
    tokens = dict(line.split() for line in open(tokens_file) if line.strip())
    by_country = published(base)
    deadline = time.monotonic() + float(seconds)

    def led_by(iso3, owner):
        return [c["id"] for c in by_country[iso3] if c["lead_owner"]["code"] == owner]

    moh = led_by("KEN", "MOH")
    writers = [
        Importer(base, demo("health", "KEN"), moh[0::2], deadline,
                 tokens[demo("health", "KEN")], "KEN", "MOH"),
        FormReporter(base, demo("health", "KEN"), moh[1::2], deadline),
        Importer(base, demo("education", "KEN"), led_by("KEN", "MOE"), deadline,
                 tokens[demo("education", "KEN")], "KEN", "MOE"),
    ]
    # In the other countries the coordinator imports for the ministry that leads the most
    # commitments and reports through the form on all the others.
    for iso3 in sorted(set(by_country) - {"KEN"}):
        owner, _ = Counter(c["lead_owner"]["code"] for c in by_country[iso3]).most_common(1)[0]
        email = demo("coordinator", iso3)
        writers.append(Importer(base, email, led_by(iso3, owner), deadline,
                                tokens[email], iso3, owner))
        others = [c["id"] for c in by_country[iso3] if c["lead_owner"]["code"] != owner]
        writers.append(FormReporter(base, email, others, deadline))
    versions = {c["id"]: c["version"] for cs in by_country.values() for c in cs}
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    outcomes = [o for w in writers for o in w.outcomes]
    with open(log, "w") as out:
        json.dump({"writers": [w.name for w in writers], "seconds": float(seconds),
                   "versions_before": versions, "outcomes": outcomes}, out)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def verify(database, log, server_log):
    written = json.load(open(log))
    outcomes = written["outcomes"]
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]

    def stored(narrative):
        return db.execute(
            "SELECT commitment_id, status, percent_complete, import_batch_id, source "
            "FROM progress_updates WHERE narrative = ?", (narrative,)).fetchall()

    lost, stored_anyway = [], []
    last = {}  # commitment -> its last accepted row, and how many accepted writes it had
    for o in outcomes:
        rows = o.get("rows", [])
        if o["state"] != "accepted":
            stored_anyway += [r["narrative"] for r in rows if stored(r["narrative"])]
            continue
        if o["kind"] == "import":
            (count,) = db.execute("SELECT count(*) FROM progress_updates WHERE import_batch_id = ?",
                                  (o["batch"],)).fetchone()
            if count != len(rows):
                lost.append(f"batch {o['batch']}: {count} updates stored of {len(rows)} accepted")
        source = "import" if o["kind"] == "import" else "form"
        for r in rows:
            found = stored(r["narrative"])
            want = (r["commitment"], r["status"], r["percent"], o.get("batch"), source)
            if found != [want]:
                lost.append(f"{r['narrative']!r}: expected {want}, found {found}")
            before = last.get(r["commitment"], (None, 0))[1]
            last[r["commitment"]] = (r, before + 1)
    # Every accepted write moved its commitment's version on by one, and the last one set its
    # status and % complete: an overwritten or skipped write would show here.
    versions = written["versions_before"]
    final_mismatch = []
    for cid, (row, accepted) in last.items():
        version, status, percent = db.execute(
            "SELECT version, status, percent_complete FROM commitments WHERE id = ?",
            (cid,)).fetchone()
        expected = (versions[str(cid)] + accepted, row["status"], row["percent"])
        if (version, status, percent) != expected:
            final_mismatch.append(f"commitment {cid}: expected {expected}, found "
                                  f"{(version, status, percent)}")

    ansi = re.compile(r"\x1b\[[0-9;]*m")
    with open(server_log, errors="replace") as lines:
        server_errors = [ansi.sub("", line).strip() for line in lines if "ERROR" in line]
    kinds = Counter(name.split()[0] for name in written["writers"])
    print(f"writers: {len(written['writers'])} at once ({kinds['Importer']} importing CSV "
          f"through the API, {kinds['FormReporter']} using the progress form)")
    accepted = [o for o in outcomes if o["state"] == "accepted"]
    for kind, what in (("import", "imports"), ("form", "form updates (page read + post)")):
        done = [o for o in accepted if o["kind"] == kind]
        times = [o["seconds"] for o in done]
        print(f"{what} accepted: {len(done)} with {sum(len(o['rows']) for o in done)} "
              f"updates, {len(done) / float(written['seconds']):.1f}/s, "
              f"p50 {percentile(times, 0.5) * 1000:.0f} ms, "
              f"p99 {percentile(times, 0.99) * 1000:.0f} ms")
    refused = [o for o in outcomes if o["state"] == "refused"]
    failed = [o for o in outcomes if o["state"] == "failed"]
    print(f"writes accepted: {len(accepted)} on {len(last)} commitments; refused: {len(refused)}; "
          f"failed (no answer): {len(failed)}; refused yet stored: {len(stored_anyway)}")
    print(f"writes lost: {len(lost)}; commitments not at the version, status and % of their "
          f"last accepted write: {len(final_mismatch)}")
    print(f"SQLite integrity check: {integrity}")
    print(f"server log errors: {len(server_errors)}")
    messages = Counter(f"{o['state']} (HTTP {o.get('http', '-')}): {o.get('message', '')[:300]}"
                       for o in refused + failed)
    for message, count in messages.most_common(10):
        print(f"  {count} x {message}")
    for line in (lost + final_mismatch + stored_anyway)[:10]:
        print(f"  {line}")
    for line, count in Counter(line[line.find(" ") + 1:][:400] for line in server_errors
                               ).most_common(10):
        print(f"  server, {count} x: {line}")
    bad = refused or failed or lost or final_mismatch or stored_anyway or server_errors
    return 1 if bad or integrity != "ok" or not accepted else 0


def main(argv):
    match argv[1:]:
        case ["paths", base]:
            paths(base)
        case ["write", base, seconds, tokens, log]:
            write(base, seconds, tokens, log)
        case ["verify", database, log, server_log]:
            return verify(database, log, server_log)
        case _:
            print(__doc__, file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
