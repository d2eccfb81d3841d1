// Adding, changing or removing a link, in a small form under the toolbar (no window.prompt).
// Opens with the current link's address; Enter saves, Escape closes; focus returns to the text.
// Only http(s) and mailto addresses are accepted; "www.example.nl" becomes "https://www.example.nl".
import type { Editor } from "@tiptap/core";
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { Button, FormField, FormFieldErrorMessage, FormLabel, Paragraph, Textbox } from "@utrecht/component-library-react";
import { useTranslation } from "../../../i18n/use-translation";
import { isAllowedHref } from "../editor/extensions";

export function normaliseHref(input: string): string {
  const value = input.trim();
  if (value === "") return "";
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return value;
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(value)) return `mailto:${value}`;
  return `https://${value.replace(/^\/+/, "")}`;
}

export function LinkForm({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const existing = (editor.getAttributes("link").href as string | undefined) ?? "";
  const [value, setValue] = useState(existing);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const close = () => {
    onClose();
    editor.commands.focus();
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const href = normaliseHref(value);
    if (!isAllowedHref(href)) {
      setError(t("documents.link.invalid"));
      input.current?.focus();
      return;
    }
    const { empty } = editor.state.selection;
    if (empty && !editor.isActive("link")) {
      // No text selected: the address itself becomes the link text.
      editor
        .chain()
        .focus()
        .insertContent({ type: "text", text: href.replace(/^mailto:/, ""), marks: [{ type: "link", attrs: { href } }] })
        .run();
    } else {
      editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
    }
    onClose();
  };

  const remove = () => {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    onClose();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  };

  const errorId = `${id}-error`;
  return (
    <form className="koers-link-form" aria-label={t("documents.link.formLabel")} onSubmit={save} onKeyDown={onKeyDown} noValidate>
      <FormField invalid={Boolean(error)} type="text">
        <Paragraph className="utrecht-form-field__label">
          <FormLabel htmlFor={`${id}-href`}>{t("documents.link.url")}</FormLabel>
        </Paragraph>
        {error ? <FormFieldErrorMessage id={errorId}>{error}</FormFieldErrorMessage> : null}
        <Textbox
          ref={input}
          id={`${id}-href`}
          type="text"
          inputMode="url"
          autoComplete="url"
          value={value}
          invalid={Boolean(error)}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => {
            setValue(event.target.value);
            if (error) setError(null);
          }}
        />
      </FormField>
      <div className="koers-inline-actions">
        <Button type="submit" appearance="primary-action-button">
          {t("documents.link.save")}
        </Button>
        {existing ? (
          <Button type="button" appearance="secondary-action-button" onClick={remove}>
            {t("documents.link.remove")}
          </Button>
        ) : null}
        <Button type="button" appearance="subtle-button" onClick={close}>
          {t("documents.link.cancel")}
        </Button>
      </div>
    </form>
  );
}
