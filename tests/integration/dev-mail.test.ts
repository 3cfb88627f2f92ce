import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, test, vi } from "vitest";
import { queueMail } from "#app/mail.server.ts";
import { loader, MailText } from "#app/routes/dev.mail.tsx";
import { getDb } from "#db/client.ts";
import { args, get, thrown } from "#tests/setup/requests.ts";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the development mailbox at /dev/mail", () => {
  test("does not exist in production", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const response = await thrown(loader(args(get("/dev/mail"))));
    expect(response.status).toBe(404);
  });

  test("lists a queued message, newest first", async () => {
    vi.stubEnv("NODE_ENV", "development");
    const id = await getDb().transaction((tx) =>
      queueMail(tx, { to: "nieuw@voorbeeld.nl", userId: null, subject: "Bevestig je e-mailadres", text: "Klik hier:\nhttp://localhost/e-mail-bevestigen/abc" }),
    );

    const data = await loader(args(get("/dev/mail")));

    expect(data.origin).toBe("http://localhost");
    expect(data.messages[0]).toMatchObject({
      id,
      to: "nieuw@voorbeeld.nl",
      subject: "Bevestig je e-mailadres",
      status: "queued",
      text: "Klik hier:\nhttp://localhost/e-mail-bevestigen/abc",
    });
    expect(data.messages[0]!.createdAt).toBeInstanceOf(Date);
  });
});

describe("the text of a message", () => {
  const render = (text: string) => renderToStaticMarkup(MailText({ text, origin: "http://localhost:3000" }));

  test("makes only links to the site itself clickable", () => {
    const html = render(
      "Bevestig: http://localhost:3000/e-mail-bevestigen/abc.\nElders: https://example.org/x en http://localhost:3000.evil.example/y en http://localhost:30001/z",
    );
    expect(html).toBe(
      '<pre style="white-space:pre-wrap;overflow-wrap:anywhere">Bevestig: <a href="http://localhost:3000/e-mail-bevestigen/abc" class="utrecht-link utrecht-link--html-a">http://localhost:3000/e-mail-bevestigen/abc</a>.\nElders: https://example.org/x en http://localhost:3000.evil.example/y en http://localhost:30001/z</pre>',
    );
  });

  test("shows markup in a message as text", () => {
    const html = render('<script>alert(1)</script> <a href="javascript:x">http://localhost:3000/"><b>x</b></a>');
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain('<a href="http://localhost:3000/" class="utrecht-link utrecht-link--html-a">http://localhost:3000/</a>');
  });
});
