//! The JavaScript binding of saring (the npm package `saring`): the only crate that knows about
//! wasm-bindgen.
//!
//! Offsets cross the boundary as UTF-16 code units, so `text.slice(start, end)` in JavaScript
//! is exactly the original characters that matched. Every bad input becomes a real `Error`
//! whose message names the field and what was expected; nothing panics across the boundary.

use std::str::FromStr;

use js_sys::{Array, Error, JsString, Object, Reflect};
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use saring::{Filter as CoreFilter, Term, UnknownValue, Verdict as CoreVerdict};

// The TypeScript declarations in `saring.d.ts` come from the types below (`#[derive(Tsify)]`):
// the options are read into `FilterOptions`; `to_js` builds the verdict in the shape of
// `Verdict` and `Match` (tests/js/verdict.test.mjs holds the two together). Nothing here uses
// serde: its `rename_all` attributes only tell tsify how the fields are spelled in JavaScript.
// The tests at the end hold the vocabulary unions to the core's own lists.

/// A category of harm.
#[derive(Tsify)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
enum Category {
    Profanity,
    Insult,
    Sexual,
    Hate,
    Violence,
    SelfHarm,
    Drugs,
    Gambling,
    PersonalInfo,
    Link,
}

/// Who the filter protects.
#[derive(Tsify)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
enum Profile {
    Child,
    Teen,
    Adult,
}

/// What to do with a text.
#[derive(Tsify)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
enum Action {
    Allow,
    Warn,
    Block,
}

// The languages come from the core's registry (one folder under `lang/` each), so their union
// is not spelled out here: `make pkg` narrows this line to the registered codes, read from
// `languages()`, and adding a language needs no change in this crate.
#[wasm_bindgen(typescript_custom_section)]
const LANGUAGE_TYPES: &str = r#"
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
"#;

/// A disguise the normalizer undid.
#[derive(Tsify)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
enum Evasion {
    Diacritics,
    StyledLetters,
    Homoglyphs,
    Leetspeak,
    InvisibleCharacters,
    Separators,
    Repetition,
    Masking,
    Reduplication,
    InformalSpelling,
}

/// 1 mild, 2 strong, 3 severe.
#[derive(Tsify)]
#[allow(dead_code)]
struct Severity(#[tsify(type = "1 | 2 | 3")] u8);

/// Options of `new Filter(options)`; every field is optional. Read from the object's own
/// properties only.
#[derive(Tsify, Default)]
#[serde(rename_all = "camelCase")]
struct FilterOptions {
    /// Default "teen".
    #[tsify(optional, type = "Profile")]
    profile: Option<saring::Profile>,
    /// Default ["id", "en"].
    #[tsify(optional, type = "Language[]")]
    languages: Option<Vec<saring::Language>>,
    /// Custom terms.
    #[tsify(optional)]
    extra_terms: Option<Vec<ExtraTerm>>,
    /// Words that never hit, nor anything inside them.
    #[tsify(optional)]
    allow_terms: Option<Vec<String>>,
}

/// A custom term.
#[derive(Tsify)]
struct ExtraTerm {
    /// The word.
    term: String,
    /// Default "insult".
    #[tsify(optional, type = "Category")]
    category: Option<saring::Category>,
    /// Default 2 (strong).
    #[tsify(optional, type = "Severity")]
    severity: Option<saring::Severity>,
}

/// A compiled filter for JavaScript.
#[wasm_bindgen]
pub struct Filter {
    inner: CoreFilter,
}

/// One thing found; `text.slice(start, end)` is the original characters (UTF-16 offsets).
#[derive(Tsify)]
#[allow(dead_code)]
struct Match {
    start: u32,
    end: u32,
    #[tsify(type = "Category")]
    category: &'static str,
    #[tsify(type = "Severity")]
    severity: u8,
    /// The canonical lexicon term, or the detector's name ("phone-number", "url", …).
    term: String,
    #[tsify(type = "Evasion[]")]
    evasions: Vec<&'static str>,
    /// Which construction or detector fired ("phone-number", …); absent for a plain lexicon hit.
    #[tsify(optional)]
    rule: Option<String>,
}

/// The languages this build knows, in registry order:
/// `[{ code: "id", name: "Indonesian", default: true }, …]`. Option pages and guards build their
/// language choices from it instead of spelling codes out.
#[wasm_bindgen(js_name = languages, unchecked_return_type = "LanguageInfo[]")]
pub fn languages() -> Array {
    let list = Array::new();
    for language in saring::Language::ALL {
        let object: JsLanguage = Object::new().unchecked_into();
        object.set_code(language.as_str());
        object.set_name(language.name());
        object.set_default(language.is_default());
        list.push(&object);
    }
    list
}

/// The outcome of a check.
#[derive(Tsify)]
#[allow(dead_code)]
struct Verdict {
    #[tsify(type = "Action")]
    action: &'static str,
    matches: Vec<Match>,
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
            let options = read_options(&options)?;
            if let Some(profile) = options.profile {
                builder = builder.profile(profile);
            }
            if let Some(languages) = options.languages {
                builder = builder.languages(languages);
            }
            if let Some(terms) = options.extra_terms {
                let mut parsed = Vec::with_capacity(terms.len());
                for term in terms {
                    parsed.push(Term::new(
                        term.term,
                        term.category.unwrap_or(saring::Category::Insult),
                        term.severity.unwrap_or(saring::Severity::Strong),
                    ));
                }
                builder = builder.extra_terms(parsed);
            }
            if let Some(words) = options.allow_terms {
                builder = builder.allow_terms(words);
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

    /// Changes the profile; cheap, as the compiled lexicon is kept. Throws an `Error` naming
    /// the accepted profiles.
    #[wasm_bindgen(js_name = setProfile)]
    pub fn set_profile(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Profile")] profile: JsValue,
    ) -> Result<(), Error> {
        let text = expect_string(&profile, "setProfile(profile)")?;
        self.inner
            .set_profile(text.parse::<saring::Profile>().map_err(to_error)?);
        Ok(())
    }

    /// Checks a text: `{ action, matches: [{ start, end, category, severity, term, evasions }] }`.
    #[wasm_bindgen(unchecked_return_type = "Verdict")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, Error> {
        let text = text_argument(&text, "check(text)")?;
        let verdict = self.inner.check(&text);
        Ok(to_js(&text, &verdict))
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

/// The verdict as the object `check` returns, fields in the order of the TypeScript `Verdict`
/// and `Match`, `rule` only when there is one. Each field is one store of a named property
/// (`match.start = …`), which the engine compiles to a plain store. Measured in Node for a
/// text with ten matches: serde-wasm-bindgen's stores under a key string passed each time took
/// 15.1 µs, one `JSON.parse` of the verdict written as JSON 12.2 µs, this 10 µs; a text with
/// no match 1.1, 1.1 and 0.7 µs.
fn to_js(text: &str, verdict: &CoreVerdict) -> JsValue {
    NAMES.with(|names| {
        let matches = Array::new();
        let mut offsets = Utf16Offsets::new(text);
        for m in &verdict.matches {
            let object: JsMatch = Object::new().unchecked_into();
            object.set_start(offsets.at(m.span.start));
            object.set_end(offsets.at(m.span.end));
            object.set_category(&name(&names.categories, m.category, |c| c.as_str()));
            object.set_severity(m.severity.level());
            object.set_term(&m.term);
            let evasions = Array::new();
            for evasion in m.evasions.iter() {
                evasions.push(&name(&names.evasions, evasion, |e| e.as_str()));
            }
            object.set_evasions(&evasions);
            if let Some(rule) = &m.rule {
                object.set_rule(rule);
            }
            matches.push(&object);
        }
        let object: JsVerdict = Object::new().unchecked_into();
        object.set_action(&name(&names.actions, verdict.action, |a| a.as_str()));
        object.set_matches(&matches);
        object.into()
    })
}

/// The vocabulary as JavaScript strings, made once: a verdict's names are not decoded from the
/// module's memory on every check.
struct Names {
    actions: Vec<(saring::Action, JsString)>,
    categories: Vec<(saring::Category, JsString)>,
    evasions: Vec<(saring::Evasion, JsString)>,
}

thread_local! {
    static NAMES: Names = Names {
        actions: names(saring::Action::ALL, |a| a.as_str()),
        categories: names(saring::Category::ALL, |c| c.as_str()),
        evasions: names(saring::Evasion::ALL, |e| e.as_str()),
    };
}

fn names<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> Vec<(T, JsString)> {
    all.iter()
        .map(|&value| (value, JsString::from(as_str(value))))
        .collect()
}

/// The kept string of a value, or a new one for a value the list does not have.
fn name<T: Copy + PartialEq>(
    list: &[(T, JsString)],
    value: T,
    as_str: fn(T) -> &'static str,
) -> std::borrow::Cow<'_, JsString> {
    match list.iter().find(|(known, _)| *known == value) {
        Some((_, text)) => std::borrow::Cow::Borrowed(text),
        None => std::borrow::Cow::Owned(JsString::from(as_str(value))),
    }
}

// The result objects, typed only enough to set their fields by name.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(extends = Object)]
    type JsVerdict;
    #[wasm_bindgen(method, setter = action)]
    fn set_action(this: &JsVerdict, action: &JsString);
    #[wasm_bindgen(method, setter = matches)]
    fn set_matches(this: &JsVerdict, matches: &Array);

    #[wasm_bindgen(extends = Object)]
    type JsMatch;
    #[wasm_bindgen(method, setter = start)]
    fn set_start(this: &JsMatch, start: u32);
    #[wasm_bindgen(method, setter = end)]
    fn set_end(this: &JsMatch, end: u32);
    #[wasm_bindgen(method, setter = category)]
    fn set_category(this: &JsMatch, category: &JsString);
    #[wasm_bindgen(method, setter = severity)]
    fn set_severity(this: &JsMatch, severity: u8);
    #[wasm_bindgen(method, setter = term)]
    fn set_term(this: &JsMatch, term: &str);
    #[wasm_bindgen(method, setter = evasions)]
    fn set_evasions(this: &JsMatch, evasions: &Array);
    #[wasm_bindgen(method, setter = rule)]
    fn set_rule(this: &JsMatch, rule: &str);

    #[wasm_bindgen(extends = Object)]
    type JsLanguage;
    #[wasm_bindgen(method, setter = code)]
    fn set_code(this: &JsLanguage, code: &str);
    #[wasm_bindgen(method, setter = name)]
    fn set_name(this: &JsLanguage, name: &str);
    #[wasm_bindgen(method, setter = default)]
    fn set_default(this: &JsLanguage, default: bool);
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

fn to_error(error: impl std::fmt::Display) -> Error {
    Error::new(&error.to_string())
}

/// Reads the options from the object's own enumerable properties only, at every level: what
/// is inherited from a prototype (`Object.prototype.allowTerms = [...]` set by another script,
/// `{ __proto__: { profile: "adult" } }`, an array hole filled from `Array.prototype`) is never
/// read. A property set to `undefined` is left out, as in any JavaScript options object. A bad
/// field gives an `Error` that names it: `extraTerms[0].severity: expected 1, 2 or 3, got 7`.
///
/// Read by hand rather than through serde: serde's deserializer, its error paths and its
/// number formatting were a tenth of the module's code.
fn read_options(options: &JsValue) -> Result<FilterOptions, Error> {
    let mut read = FilterOptions::default();
    for (key, value) in own_properties(options, "options")? {
        match key.as_str() {
            "profile" => read.profile = Some(vocabulary(&value, "profile", None)?),
            "languages" => {
                let items = own_items(&value, "languages")?;
                let mut languages = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let code = string(item, || format!("languages[{i}]"))?;
                    // The core's message names the list it is from: "unknown language …".
                    languages.push(code.parse().map_err(to_error)?);
                }
                read.languages = Some(languages);
            }
            // `null` has always meant no custom terms here (unlike the other fields).
            "extraTerms" if value.is_null() => {}
            "extraTerms" => {
                let items = own_items(&value, "extraTerms")?;
                let mut terms = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    terms.push(extra_term(item, &format!("extraTerms[{i}]"))?);
                }
                read.extra_terms = Some(terms);
            }
            "allowTerms" => {
                let items = own_items(&value, "allowTerms")?;
                let mut words = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    words.push(string(item, || format!("allowTerms[{i}]"))?);
                }
                read.allow_terms = Some(words);
            }
            // `check_known_fields` has refused every other name.
            _ => {}
        }
    }
    Ok(read)
}

/// One entry of `extraTerms`; fields other than its own `term`, `category` and `severity` are
/// not read.
fn extra_term(value: &JsValue, path: &str) -> Result<ExtraTerm, Error> {
    if !value.is_object() || Array::is_array(value) {
        return Err(Error::new(&format!(
            "{path}: expected an object, got {}",
            kind(value)
        )));
    }
    let mut term = None;
    let mut category = None;
    let mut severity = None;
    for (key, field) in own_properties(value, path)? {
        match key.as_str() {
            "term" => term = Some(string(&field, || format!("{path}.term"))?),
            "category" => category = Some(vocabulary(&field, "category", Some(path))?),
            "severity" => severity = Some(severity_level(&field, path)?),
            _ => {}
        }
    }
    let term = term.ok_or_else(|| Error::new(&format!("{path}.term: missing")))?;
    Ok(ExtraTerm {
        term,
        category,
        severity,
    })
}

/// The own enumerable properties of an object whose value is not `undefined`, in order.
fn own_properties(object: &JsValue, path: &str) -> Result<Vec<(String, JsValue)>, Error> {
    let keys = Object::keys(object.unchecked_ref::<Object>());
    let mut properties = Vec::with_capacity(keys.length() as usize);
    for key in keys.iter() {
        let name = key.as_string().unwrap_or_default();
        let value = Reflect::get(object, &key).map_err(|_| {
            let field = if path == "options" {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            Error::new(&format!("{field}: could not be read"))
        })?;
        if !value.is_undefined() {
            properties.push((name, value));
        }
    }
    Ok(properties)
}

/// The own elements of an array, a hole as `undefined`; anything else is an error naming what
/// it is.
fn own_items(value: &JsValue, path: &str) -> Result<Vec<JsValue>, Error> {
    let Some(list) = value.dyn_ref::<Array>() else {
        return Err(Error::new(&format!(
            "{path}: expected an array, got {}",
            kind(value)
        )));
    };
    let mut items = Vec::with_capacity(list.length() as usize);
    for i in 0..list.length() {
        let own = Object::has_own_str(
            list.unchecked_ref::<Object>(),
            &JsString::from(i.to_string()),
        )
        .map_err(|_| Error::new(&format!("{path}[{i}]: could not be read")))?;
        items.push(if own { list.get(i) } else { JsValue::UNDEFINED });
    }
    Ok(items)
}

/// A string, or an error naming the field (built only when needed) and what was given instead.
fn string(value: &JsValue, path: impl FnOnce() -> String) -> Result<String, Error> {
    value.as_string().ok_or_else(|| {
        Error::new(&format!(
            "{}: expected a string, got {}",
            path(),
            kind(value)
        ))
    })
}

/// A vocabulary field (`"teen"`, `"insult"`): the core's own message for an unknown value,
/// which names the field and every accepted value, prefixed with the object it is in.
fn vocabulary<T: FromStr<Err = UnknownValue>>(
    value: &JsValue,
    field: &str,
    parent: Option<&str>,
) -> Result<T, Error> {
    let path = || parent.map_or_else(|| field.to_owned(), |p| format!("{p}.{field}"));
    let text = string(value, path)?;
    text.parse().map_err(|unknown: UnknownValue| match parent {
        Some(parent) => Error::new(&format!("{parent}: {unknown}")),
        None => to_error(unknown),
    })
}

/// A severity: the number 1, 2 or 3 (a BigInt too, as some JSON readers give one).
fn severity_level(value: &JsValue, parent: &str) -> Result<saring::Severity, Error> {
    // JavaScript's own spelling of the number: what the caller wrote, and no float formatting
    // code in the module.
    let (level, shown) = if let Some(number) = value.dyn_ref::<js_sys::Number>() {
        (number.value_of(), number.to_string_with_radix(10).ok())
    } else if let Some(big) = value.dyn_ref::<js_sys::BigInt>() {
        let level = i64::try_from(value.clone()).map_or(f64::NAN, |n| n as f64);
        (level, big.to_string(10).ok())
    } else {
        return Err(Error::new(&format!(
            "{parent}.severity: expected 1, 2 or 3, got {}",
            kind(value)
        )));
    };
    if level.fract() == 0.0 && (1.0..=3.0).contains(&level) {
        if let Some(severity) = saring::Severity::from_level(level as u8) {
            return Ok(severity);
        }
    }
    let shown = shown.map_or_else(|| "a number".into(), String::from);
    Err(Error::new(&format!(
        "{parent}.severity: expected 1, 2 or 3, got {shown}"
    )))
}

/// What a value is, for "expected …, got …" messages.
fn kind(value: &JsValue) -> &'static str {
    if value.is_undefined() || value.is_null() {
        "undefined or null"
    } else if value.as_bool().is_some() {
        "boolean"
    } else if value.as_f64().is_some() || value.is_bigint() {
        "number"
    } else if value.is_string() {
        "string"
    } else if Array::is_array(value) {
        "an array"
    } else if value.is_function() {
        "function"
    } else if value.is_symbol() {
        "symbol"
    } else {
        "object"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The string values of a generated union: `type Profile = "child" | "teen" | "adult";`.
    fn union(decl: &str) -> Vec<String> {
        let body = decl.split_once('=').expect("a type alias").1;
        body.trim()
            .trim_end_matches(';')
            .split('|')
            .map(|v| v.trim().trim_matches(['"', ';']).to_owned())
            .collect()
    }

    fn names<T: std::fmt::Display>(all: &[T]) -> Vec<String> {
        all.iter().map(ToString::to_string).collect()
    }

    /// The TypeScript unions are generated from the binding's enums; each must list exactly the
    /// core's values, in order, so a value added to the core fails here until it is typed.
    #[test]
    fn typescript_unions_are_the_core_vocabulary() {
        let pairs = [
            (Category::DECL, names(saring::Category::ALL)),
            (Profile::DECL, names(saring::Profile::ALL)),
            (Action::DECL, names(saring::Action::ALL)),
            (Evasion::DECL, names(saring::Evasion::ALL)),
            (Severity::DECL, names(saring::Severity::ALL)),
        ];
        for (decl, core) in pairs {
            assert_eq!(union(decl), core, "{decl}");
        }
    }
}
