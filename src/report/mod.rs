//! Reporters: each renders a finished [`Assessment`](crate::assessment::Assessment)
//! into text for one audience. None of them computes anything.

pub mod catalogue;
pub mod table;
