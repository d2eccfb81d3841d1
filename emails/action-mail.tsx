// One layout for every mail that asks the recipient to follow a single link.
import { Button, Link, Text } from "@react-email/components";
import { MailLayout } from "./layout";

export interface ActionMailProps {
  lang: string;
  greeting: string;
  body: string;
  button: string;
  url: string;
  footer: string;
}

export function ActionMail({ lang, greeting, body, button, url, footer }: ActionMailProps) {
  return (
    <MailLayout lang={lang} preview={body} footer={footer}>
      <Text>{greeting}</Text>
      <Text>{body}</Text>
      <Button href={url} style={{ backgroundColor: "#00487a", color: "#ffffff", padding: "12px 20px", borderRadius: "4px" }}>
        {button}
      </Button>
      <Text style={{ fontSize: "13px", color: "#545454" }}>
        <Link href={url}>{url}</Link>
      </Text>
    </MailLayout>
  );
}
