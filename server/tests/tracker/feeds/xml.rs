//! Reading a feed back as XML, the way a feed reader does: a small tree of elements whose
//! texts and attributes have their entities resolved. Anything not well-formed fails the test.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// An element of a parsed feed, with its text (entities resolved) and its children.
#[derive(Debug, Default)]
pub struct Node {
    pub name: String,
    attributes: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Node>,
}

impl Node {
    pub fn all(&self, name: &str) -> Vec<&Node> {
        self.children.iter().filter(|c| c.name == name).collect()
    }

    pub fn child(&self, name: &str) -> &Node {
        self.all(name)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("<{}> has no <{name}>", self.name))
    }

    pub fn text_of(&self, name: &str) -> &str {
        &self.child(name).text
    }

    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The `href` of the `<link>` with relation `rel`.
    pub fn link(&self, rel: &str) -> &str {
        self.all("link")
            .into_iter()
            .find(|l| l.attribute("rel") == Some(rel))
            .and_then(|l| l.attribute("href"))
            .unwrap_or_else(|| panic!("<{}> has no {rel} link", self.name))
    }
}

fn element(start: &BytesStart) -> Node {
    Node {
        name: start.name().0.to_owned(),
        attributes: start
            .attributes()
            .map(|a| {
                let a = a.expect("a well-formed attribute");
                let value = a
                    .normalized_value(XmlVersion::Implicit1_0)
                    .expect("an attribute value");
                (a.key.0.to_owned(), value.into_owned())
            })
            .collect(),
        ..Node::default()
    }
}

/// The document element of `xml`; fails on anything that is not well-formed.
pub fn parse(xml: &str) -> Node {
    let mut reader = Reader::from_str(xml);
    let mut open = vec![Node::default()];
    loop {
        let event = reader.read_event().expect("well-formed XML");
        let last = open.len() - 1;
        match event {
            Event::Start(start) => open.push(element(&start)),
            Event::Empty(start) => open[last].children.push(element(&start)),
            Event::End(_) => {
                let done = open.pop().expect("an open element");
                open.last_mut().expect("a parent").children.push(done);
            }
            Event::Text(text) => open[last].text.push_str(&text.xml10_content()),
            Event::CData(data) => open[last].text.push_str(&data.xml10_content()),
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref().expect("a character") {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&reference)
                        .expect("one of XML's own entities")
                        .to_owned(),
                };
                open[last].text.push_str(&resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut document = open.pop().expect("the document");
    assert!(open.is_empty(), "every element is closed");
    assert_eq!(document.children.len(), 1, "one document element");
    document.children.remove(0)
}
