//! Policy: turns a match's category and severity into an action for a profile.
//!
//! | category | `child` | `teen` (default) | `adult` |
//! |---|---|---|---|
//! | `profanity`, `insult` | block | mild: warn; strong, severe: block | profanity mild: allow; else warn; severe: block |
//! | `sexual` | block | block | mild, strong: warn; severe: block |
//! | `hate` | block | block | block |
//! | `violence` (threats) | block | mild: warn; else block | mild: warn; else block |
//! | `self-harm` | warn | warn | warn |
//! | `drugs`, `gambling` | block | block | warn |
//! | `personal-info` | block | warn | warn |
//! | `link` | warn | allow | allow |
//!
//! `self-harm` never blocks: a child who writes about hurting themselves should see help, not a
//! wall. The input guard shows a help message with the warning.

use crate::vocab::{Action, Category, Profile, Severity};

/// The action a profile takes on one match (public as [`Profile::action`]).
pub fn action(profile: Profile, category: Category, severity: Severity) -> Action {
    use Action::{Allow, Block, Warn};
    use Category::*;
    let mild = severity == Severity::Mild;
    let severe = severity == Severity::Severe;
    match (profile, category) {
        (_, SelfHarm) => Warn,
        (Profile::Child, Link) => Warn,
        (Profile::Child, _) => Block,
        (_, Link) => Allow,
        (_, Hate) => Block,
        (_, PersonalInfo) => Warn,
        (_, Violence) if mild => Warn,
        (_, Violence) => Block,
        (Profile::Teen, Profanity | Insult) if mild => Warn,
        (Profile::Teen, _) => Block,
        (Profile::Adult, Profanity) if mild => Allow,
        (Profile::Adult, _) if severe && category != Drugs && category != Gambling => Block,
        (Profile::Adult, _) => Warn,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The promises docs/api.md makes about each profile, checked over every category and severity.
    #[test]
    fn profiles_keep_their_promises() {
        for &category in Category::ALL {
            for &severity in Severity::ALL {
                let child = action(Profile::Child, category, severity);
                let teen = action(Profile::Teen, category, severity);
                let adult = action(Profile::Adult, category, severity);
                let case = format!("{category} {severity}");
                assert!(
                    child >= teen && teen >= adult,
                    "{case}: stricter profiles block more"
                );
                match category {
                    Category::SelfHarm => assert_eq!((child, teen), (Action::Warn, Action::Warn)),
                    Category::Link => assert_eq!((child, teen), (Action::Warn, Action::Allow)),
                    _ => assert_eq!(child, Action::Block, "{case}"),
                }
                if matches!(
                    category,
                    Category::Sexual | Category::Hate | Category::Drugs | Category::Gambling
                ) || (severity >= Severity::Strong
                    && category != Category::SelfHarm
                    && category != Category::PersonalInfo
                    && category != Category::Link)
                {
                    assert_eq!(teen, Action::Block, "{case}: teen blocks");
                }
                if category != Category::Link {
                    assert!(
                        teen >= Action::Warn,
                        "{case}: under teen anything abusive is at least a warning"
                    );
                }
                if category == Category::Hate {
                    assert_eq!(adult, Action::Block, "{case}: adult blocks hate");
                }
            }
        }
        assert_eq!(
            action(Profile::Adult, Category::Profanity, Severity::Mild),
            Action::Allow
        );
        assert_eq!(
            action(Profile::Adult, Category::Sexual, Severity::Severe),
            Action::Block
        );
        assert_eq!(
            action(Profile::Adult, Category::Violence, Severity::Strong),
            Action::Block
        );
    }
}
