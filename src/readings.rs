//! The product's own readings: what the calculator does, for every policy
//! set alike, where the notices are silent or the question reaches past
//! them. A notice cannot change these (its own rules and words are in its
//! policy file); each is said where an answer relies on it.

use crate::policy::Assumption;

/// A change of status that no clause settles: the figures stay those of
/// the status registered with.
pub(crate) fn change_silent() -> Assumption {
    Assumption {
        id: "change-silent".into(),
        text: "通知没有写明这种身份变化如何处理：本计算器不推断退费、补差或新的资助，个人缴费、资助和需缴金额按办理参保登记时的身份列出。".into(),
    }
}
