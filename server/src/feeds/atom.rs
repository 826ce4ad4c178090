//! Atom documents (RFC 4287), written with quick-xml: it escapes every text and attribute
//! value it is given, so no text, however hostile, can close an element or add one.
//!
//! Addresses in `link` elements are relative to the site (`/commitments/12`): the server does
//! not know by which host name and scheme it is reached (a proxy may terminate HTTPS), and
//! trusting the request's `Host` would let any client put another site's address into an
//! answer that the page cache then serves to everyone. Atom allows relative references;
//! readers resolve them against the address they fetched the feed from. Ids are absolute,
//! as Atom requires, and independent of the host.

use std::borrow::Cow;
use std::io;

use app::feeds::{Entry, Feed};
use chrono::{DateTime, SecondsFormat, Utc};
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

const NAMESPACE: &str = "http://www.w3.org/2005/Atom";

/// Who publishes every feed, and the program that writes it.
const PUBLISHER: &str = "NAP Tracker";

/// The media type of an Atom feed.
pub const MEDIA_TYPE: &str = "application/atom+xml; charset=utf-8";

/// `feed` as an Atom document in UTF-8.
pub fn write(feed: &Feed) -> io::Result<Vec<u8>> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    writer
        .create_element("feed")
        .with_attribute(("xmlns", NAMESPACE))
        .with_attribute(("xml:lang", "en"))
        .write_inner_content(|w| {
            element(w, "id", &feed.id)?;
            text_construct(w, "title", &feed.title)?;
            text_construct(w, "subtitle", &feed.subtitle)?;
            element(w, "updated", &timestamp(feed.updated))?;
            link(w, "self", "application/atom+xml", &feed.self_href)?;
            link(w, "alternate", "text/html", &feed.page_href)?;
            author(w, PUBLISHER)?;
            element(w, "generator", PUBLISHER)?;
            for entry in &feed.entries {
                write_entry(w, entry)?;
            }
            Ok(())
        })?;
    Ok(writer.into_inner())
}

fn write_entry(w: &mut Writer<Vec<u8>>, entry: &Entry) -> io::Result<()> {
    w.create_element("entry").write_inner_content(|w| {
        element(w, "id", &entry.id())?;
        text_construct(w, "title", &entry.title)?;
        element(w, "updated", &timestamp(entry.updated))?;
        if let Some(published) = entry.published {
            element(w, "published", &timestamp(published))?;
        }
        author(w, &entry.author)?;
        w.create_element("category")
            .with_attribute(("term", entry.kind.term()))
            .with_attribute(("label", entry.kind.label()))
            .write_empty()?;
        link(w, "alternate", "text/html", &entry.href)?;
        text_construct(w, "content", &entry.text)?;
        Ok(())
    })?;
    Ok(())
}

/// `<name>text</name>`.
fn element(w: &mut Writer<Vec<u8>>, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&xml_chars(text)))?;
    Ok(())
}

/// A plain-text construct: `<name type="text">text</name>`, never read as markup.
fn text_construct(w: &mut Writer<Vec<u8>>, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name)
        .with_attribute(("type", "text"))
        .write_text_content(BytesText::new(&xml_chars(text)))?;
    Ok(())
}

fn link(w: &mut Writer<Vec<u8>>, rel: &str, media_type: &str, href: &str) -> io::Result<()> {
    w.create_element("link")
        .with_attribute(("rel", rel))
        .with_attribute(("type", media_type))
        .with_attribute(("href", xml_chars(href).as_ref()))
        .write_empty()?;
    Ok(())
}

fn author(w: &mut Writer<Vec<u8>>, name: &str) -> io::Result<()> {
    w.create_element("author")
        .write_inner_content(|w| element(w, "name", name))?;
    Ok(())
}

/// RFC 3339, to the second, in UTC: `2026-11-22T09:30:00Z`.
fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `text` with the characters XML 1.0 cannot hold at all, not even escaped (control
/// characters other than tab, line feed and carriage return, and U+FFFE, U+FFFF), replaced
/// by U+FFFD. The pages and forms accept such characters; a feed holding one would not
/// parse, so every reader would lose the whole feed over one pasted character.
fn xml_chars(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
    };
    if text.chars().all(allowed) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if allowed(c) { c } else { '\u{FFFD}' })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::feeds::Kind;

    fn feed(text: &str) -> Feed {
        let at = DateTime::parse_from_rfc3339("2026-11-22T09:30:00Z")
            .expect("date")
            .with_timezone(&Utc);
        Feed {
            id: "urn:nap-tracker:commitment:1".into(),
            title: text.into(),
            subtitle: String::new(),
            self_href: "/commitments/1/feed.atom".into(),
            page_href: "/commitments/1".into(),
            updated: at,
            entries: vec![Entry {
                kind: Kind::ProgressUpdate,
                row: 7,
                title: text.into(),
                author: text.into(),
                published: Some(at),
                updated: at,
                href: "/commitments/1".into(),
                text: text.into(),
            }],
        }
    }

    #[test]
    fn text_is_escaped_and_control_characters_replaced() {
        let hostile = "</title><script>alert(1)</script> ]]> &amp; \"q\" 'a' \u{1}\u{1b}";
        let written = String::from_utf8(write(&feed(hostile)).expect("written")).expect("utf-8");
        assert!(!written.contains("<script>"), "{written}");
        assert!(!written.contains('\u{1}') && !written.contains('\u{1b}'));
        assert!(written.contains(
            "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp;amp; &quot;q&quot;"
        ));
        assert!(written.contains("<updated>2026-11-22T09:30:00Z</updated>"));
        assert!(written.contains("<id>urn:nap-tracker:progress-update:7</id>"));
    }

    #[test]
    fn only_what_xml_cannot_hold_is_replaced() {
        assert_eq!(xml_chars("a\tb\nc\rd é ☃"), "a\tb\nc\rd é ☃");
        assert_eq!(
            xml_chars("a\u{0}b\u{8}c\u{FFFF}"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}"
        );
        assert!(matches!(xml_chars("plain"), Cow::Borrowed(_)));
    }
}
