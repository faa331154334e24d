//! The JavaScript binding of saring (the npm package `saring`): the only crate that knows about
//! wasm-bindgen.
//!
//! Offsets cross the boundary as UTF-16 code units, so `text.slice(start, end)` in JavaScript
//! is exactly the original characters that matched. Every bad input becomes a real `Error`
//! whose message names the field and what was expected; nothing panics across the boundary.

use js_sys::{Array, Error, JsString, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use saring::{Category, Filter as CoreFilter, Language, Profile, Severity, Term, Verdict};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A category of harm. */
export type Category = "profanity" | "insult" | "sexual" | "hate" | "violence" | "self-harm"
  | "drugs" | "gambling" | "personal-info" | "link";
/** 1 mild, 2 strong, 3 severe. */
export type Severity = 1 | 2 | 3;
/** Who the filter protects. */
export type Profile = "child" | "teen" | "adult";
/** What to do with a text. */
export type Action = "allow" | "warn" | "block";
/** A lexicon language code, one folder under `lang/` each; the package build narrows this
 *  line to the union of the registered codes (`languages()` lists them). */
export type Language = string;
/** A language this build knows, as listed by `languages()`. */
export interface LanguageInfo {
  /** The code accepted in `languages: [...]`. */
  code: Language;
  /** The language's English name ("Javanese"). */
  name: string;
  /** Whether it is on when `languages` is left out. */
  default: boolean;
}
/** A disguise the normalizer undid. */
export type Evasion = "diacritics" | "styled-letters" | "homoglyphs" | "leetspeak"
  | "invisible-characters" | "separators" | "repetition" | "masking" | "reduplication"
  | "informal-spelling";
/** A custom term. */
export interface ExtraTerm {
  term: string;
  /** Default "insult". */
  category?: Category;
  /** Default 2 (strong). */
  severity?: Severity;
}
/** Options of `new Filter(options)`; every field is optional. */
export interface FilterOptions {
  /** Default "teen". */
  profile?: Profile;
  /** Default: every language whose `default` is true in `languages()`. */
  languages?: Language[];
  extraTerms?: ExtraTerm[];
  /** Words that never hit, nor anything inside them. */
  allowTerms?: string[];
}
/** One thing found; `text.slice(start, end)` is the original characters (UTF-16 offsets). */
export interface Match {
  start: number;
  end: number;
  category: Category;
  severity: Severity;
  /** The canonical lexicon term, or the detector's name ("phone-number", "url", …). */
  term: string;
  evasions: Evasion[];
  /** Which construction or detector fired ("threat-against-group", "phone-number", …); absent for a plain lexicon hit. */
  rule?: string;
}
/** The outcome of a check. */
export interface Verdict { action: Action; matches: Match[]; }
"#;

/// A compiled filter for JavaScript.
#[wasm_bindgen]
pub struct Filter {
    inner: CoreFilter,
}

#[derive(Serialize)]
struct JsMatch {
    start: u32,
    end: u32,
    category: &'static str,
    severity: u8,
    term: String,
    evasions: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<String>,
}

#[derive(Serialize)]
struct JsLanguage {
    code: &'static str,
    name: &'static str,
    default: bool,
}

/// The languages this build knows, in registry order:
/// `[{ code: "id", name: "Indonesian", default: true }, …]`. Option pages and guards build their
/// language choices from it instead of spelling codes out.
#[wasm_bindgen(js_name = languages, unchecked_return_type = "LanguageInfo[]")]
pub fn languages() -> Result<JsValue, Error> {
    let list: Vec<JsLanguage> = Language::ALL
        .iter()
        .map(|&language| JsLanguage {
            code: language.as_str(),
            name: language.name(),
            default: language.is_default(),
        })
        .collect();
    serde_wasm_bindgen::to_value(&list).map_err(|e| Error::new(&e.to_string()))
}

#[derive(Serialize)]
struct JsVerdict {
    action: &'static str,
    matches: Vec<JsMatch>,
}

#[wasm_bindgen]
impl Filter {
    /// Builds a filter; throws an `Error` naming the bad option.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "FilterOptions")] options: Option<JsValue>,
    ) -> Result<Filter, Error> {
        #[cfg(feature = "debug-panics")]
        console_error_panic_hook::set_once();
        let mut builder = CoreFilter::builder();
        let options = match options {
            None => None,
            Some(value) if value.is_undefined() || value.is_null() => None,
            Some(value) if value.is_object() && !Array::is_array(&value) => Some(value),
            Some(value) => {
                return Err(Error::new(&format!(
                    "options: expected an object, got {}",
                    type_name(&value)
                )))
            }
        };
        if let Some(options) = options {
            check_known_fields(&options)?;
            if let Some(profile) = field(&options, "profile")? {
                let text = expect_string(&profile, "profile")?;
                builder = builder.profile(text.parse::<Profile>().map_err(to_error)?);
            }
            if let Some(languages) = field(&options, "languages")? {
                let list = expect_array(&languages, "languages")?;
                let mut parsed = Vec::new();
                for (i, item) in own_items(&list, "languages")?.into_iter().enumerate() {
                    let text = expect_string(&item, &format!("languages[{i}]"))?;
                    parsed.push(text.parse::<Language>().map_err(to_error)?);
                }
                builder = builder.languages(parsed);
            }
            if let Some(terms) = field(&options, "extraTerms")? {
                let list = expect_array(&terms, "extraTerms")?;
                let mut parsed = Vec::new();
                for (i, item) in own_items(&list, "extraTerms")?.into_iter().enumerate() {
                    parsed.push(extra_term(&item, i)?);
                }
                builder = builder.extra_terms(parsed);
            }
            if let Some(words) = field(&options, "allowTerms")? {
                let list = expect_array(&words, "allowTerms")?;
                let mut parsed = Vec::new();
                for (i, item) in own_items(&list, "allowTerms")?.into_iter().enumerate() {
                    parsed.push(expect_string(&item, &format!("allowTerms[{i}]"))?);
                }
                builder = builder.allow_terms(parsed);
            }
        }
        let inner = builder.build().map_err(to_error)?;
        Ok(Filter { inner })
    }

    /// The profile in use.
    #[wasm_bindgen(getter, unchecked_return_type = "Profile")]
    pub fn profile(&self) -> String {
        self.inner.profile().as_str().to_owned()
    }

    /// Checks a text: `{ action, matches: [{ start, end, category, severity, term, evasions }] }`.
    #[wasm_bindgen(unchecked_return_type = "Verdict")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, Error> {
        let text = text_argument(&text, "check(text)")?;
        let verdict = self.inner.check(&text);
        to_js(&text, &verdict)
    }

    /// The text with every matched character masked; the UTF-16 length is unchanged.
    pub fn censor(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<String, Error> {
        let text = text_argument(&text, "censor(text)")?;
        Ok(self.inner.censor(&text))
    }
}

fn to_js(text: &str, verdict: &Verdict) -> Result<JsValue, Error> {
    let mut offsets = Utf16Offsets::new(text);
    let matches = verdict
        .matches
        .iter()
        .map(|m| JsMatch {
            start: offsets.at(m.span.start),
            end: offsets.at(m.span.end),
            category: m.category.as_str(),
            severity: m.severity.level(),
            term: m.term.clone(),
            evasions: m.evasions.names().collect(),
            rule: m.rule.clone(),
        })
        .collect();
    let verdict = JsVerdict {
        action: verdict.action.as_str(),
        matches,
    };
    serde_wasm_bindgen::to_value(&verdict).map_err(|e| Error::new(&e.to_string()))
}

/// Converts increasing byte offsets to UTF-16 offsets in one walk over the text.
struct Utf16Offsets<'a> {
    text: &'a str,
    byte: usize,
    unit: u32,
}

impl<'a> Utf16Offsets<'a> {
    fn new(text: &'a str) -> Self {
        Utf16Offsets {
            text,
            byte: 0,
            unit: 0,
        }
    }

    /// The UTF-16 offset of a byte offset on a char boundary; offsets may repeat or grow, and
    /// a smaller one restarts the walk.
    fn at(&mut self, byte: usize) -> u32 {
        if byte < self.byte {
            self.byte = 0;
            self.unit = 0;
        }
        for ch in self.text[self.byte..byte].chars() {
            self.unit += ch.len_utf16() as u32;
        }
        self.byte = byte;
        self.unit
    }
}

const OPTION_FIELDS: &[&str] = &["profile", "languages", "extraTerms", "allowTerms"];

fn check_known_fields(options: &JsValue) -> Result<(), Error> {
    let keys = Object::keys(options.unchecked_ref::<Object>());
    for key in keys.iter() {
        let name = key.as_string().unwrap_or_default();
        if !OPTION_FIELDS.contains(&name.as_str()) {
            return Err(Error::new(&format!(
                "unknown option {name:?}: expected \"profile\", \"languages\", \"extraTerms\" or \"allowTerms\""
            )));
        }
    }
    Ok(())
}

fn extra_term(item: &JsValue, index: usize) -> Result<Term, Error> {
    let name = format!("extraTerms[{index}]");
    if !item.is_object() || Array::is_array(item) {
        return Err(Error::new(&format!(
            "{name}: expected an object {{ term, category, severity }}, got {}",
            type_name(item)
        )));
    }
    let term = field(item, "term")?
        .ok_or_else(|| Error::new(&format!("{name}.term: missing")))
        .and_then(|v| expect_string(&v, &format!("{name}.term")))?;
    let category = match field(item, "category")? {
        Some(v) => expect_string(&v, &format!("{name}.category"))?
            .parse::<Category>()
            .map_err(|e| Error::new(&format!("{name}: {e}")))?,
        None => Category::Insult,
    };
    let severity = match field(item, "severity")? {
        Some(v) => {
            let level = v
                .as_f64()
                .filter(|n| n.fract() == 0.0 && (1.0..=3.0).contains(n));
            match level {
                Some(n) => Severity::from_level(n as u8).expect("checked range"),
                None => {
                    return Err(Error::new(&format!(
                        "{name}.severity: expected 1, 2 or 3, got {}",
                        describe(&v)
                    )))
                }
            }
        }
        None => Severity::Strong,
    };
    Ok(Term::new(term, category, severity))
}

/// A present, non-undefined field of an object, read from the object's own properties only: a
/// field inherited from a prototype (`Object.prototype.allowTerms = [...]` set by another
/// script, or `{ __proto__: { profile: "adult" } }`) is not an option the caller gave.
fn field(object: &JsValue, name: &str) -> Result<Option<JsValue>, Error> {
    let unreadable = |_| Error::new(&format!("{name}: could not be read"));
    let key = JsString::from(name);
    if !Object::has_own_str(object.unchecked_ref::<Object>(), &key).map_err(unreadable)? {
        return Ok(None);
    }
    let value = Reflect::get(object, &key).map_err(unreadable)?;
    Ok(if value.is_undefined() {
        None
    } else {
        Some(value)
    })
}

/// The items of an array, each from the array's own elements: a hole reads as `undefined`,
/// never as an element inherited from `Array.prototype`.
fn own_items(list: &Array, name: &str) -> Result<Vec<JsValue>, Error> {
    (0..list.length())
        .map(|i| {
            let own = Object::has_own_str(list, &JsString::from(i.to_string()))
                .map_err(|_| Error::new(&format!("{name}[{i}]: could not be read")))?;
            Ok(if own { list.get(i) } else { JsValue::UNDEFINED })
        })
        .collect()
}

/// The longest text `check` and `censor` take, in UTF-16 code units (JavaScript's
/// `text.length`): 16 Mi, the command line's default limit per line. A longer text is an
/// error, never a trap of the module's memory.
const MAX_TEXT_LENGTH: u32 = 1 << 24;

/// The text argument of `check` or `censor`: a string no longer than [`MAX_TEXT_LENGTH`],
/// measured before it is copied into the module's memory.
fn text_argument(value: &JsValue, name: &str) -> Result<String, Error> {
    if let Some(text) = value.dyn_ref::<JsString>() {
        let length = text.length();
        if length > MAX_TEXT_LENGTH {
            return Err(Error::new(&format!(
                "{name}: the text is {length} characters long, over the limit of \
                 {MAX_TEXT_LENGTH} (UTF-16 code units); check it in parts"
            )));
        }
    }
    expect_string(value, name)
}

fn expect_string(value: &JsValue, name: &str) -> Result<String, Error> {
    value.as_string().ok_or_else(|| {
        Error::new(&format!(
            "{name}: expected a string, got {}",
            type_name(value)
        ))
    })
}

fn expect_array(value: &JsValue, name: &str) -> Result<Array, Error> {
    if Array::is_array(value) {
        Ok(value.clone().unchecked_into())
    } else {
        Err(Error::new(&format!(
            "{name}: expected an array, got {}",
            type_name(value)
        )))
    }
}

fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if Array::is_array(value) {
        "an array".into()
    } else {
        value
            .js_typeof()
            .as_string()
            .unwrap_or_else(|| "a value".into())
    }
}

fn describe(value: &JsValue) -> String {
    match value.as_f64() {
        Some(n) => n.to_string(),
        None => type_name(value),
    }
}

fn to_error(error: impl std::fmt::Display) -> Error {
    Error::new(&error.to_string())
}
