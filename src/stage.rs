//! The lifecycle stages of a reconfiguration and the gate that closes each,
//! in order.
//!
//! The codes are those of `domain.md` section 0 (CFC, S1, PCBC, S2, CONS,
//! DMBC, IMPL, EVAL), which refine the research lifecycle "pre-consultation
//! and early engagement → consultation → full business case →
//! implementation → evaluation" (NHS England and NHS Improvement research,
//! 2019–20). A scheme says which stage it is in; the gate of that stage is
//! its next gate, and every criterion needed by that gate or an earlier one
//! is due.

use serde::Serialize;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    Cfc,
    S1,
    Pcbc,
    S2,
    Consultation,
    Dmbc,
    Implementation,
    Evaluation,
}

impl Stage {
    pub const ALL: [Stage; 8] = [
        Stage::Cfc,
        Stage::S1,
        Stage::Pcbc,
        Stage::S2,
        Stage::Consultation,
        Stage::Dmbc,
        Stage::Implementation,
        Stage::Evaluation,
    ];

    /// The codes as written in scheme and checklist files.
    pub const CODES: &'static [&'static str] = &[
        "cfc",
        "s1",
        "pcbc",
        "s2",
        "consultation",
        "dmbc",
        "implementation",
        "evaluation",
    ];

    pub fn code(self) -> &'static str {
        Self::CODES[self as usize]
    }

    pub fn from_code(code: &str) -> Option<Stage> {
        Self::CODES.iter().position(|c| *c == code).map(|i| Self::ALL[i])
    }

    /// The stage's name in the words NHS programme teams use.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Cfc => "case for change and options development",
            Stage::S1 => "NHS England stage 1 strategic sense check",
            Stage::Pcbc => "pre-consultation business case",
            Stage::S2 => "NHS England stage 2 assurance checkpoint",
            Stage::Consultation => "public consultation and scrutiny consultation",
            Stage::Dmbc => "decision-making business case and decision",
            Stage::Implementation => "implementation",
            Stage::Evaluation => "evaluation",
        }
    }

    /// The gate that closes the stage: what "ready" means while in it.
    pub fn gate(self) -> &'static str {
        match self {
            Stage::Cfc => "case for change agreed, ready for the stage 1 sense check",
            Stage::S1 => "stage 1 strategic sense check held",
            Stage::Pcbc => "pre-consultation business case approved for assurance",
            Stage::S2 => "stage 2 assurance checkpoint passed",
            Stage::Consultation => "public consultation launched",
            Stage::Dmbc => "decision taken on the decision-making business case",
            Stage::Implementation => "changes go live",
            Stage::Evaluation => "post-implementation evaluation reported",
        }
    }
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_in_order() {
        for (i, stage) in Stage::ALL.iter().enumerate() {
            assert_eq!(Stage::from_code(stage.code()), Some(*stage));
            assert_eq!(*stage as usize, i);
        }
        assert!(Stage::Pcbc < Stage::S2);
        assert_eq!(Stage::from_code("PCBC"), None);
    }
}
