//! The scheme file format, version 1: every key a scheme file may hold, its
//! type, its meaning for users and an example.
//!
//! This description is the single source of truth: the validator checks
//! scheme files against it, checklist rules may only name paths that exist
//! in it, and `SCHEME.md` is generated from it.
//!
//! Almost every key is optional: missing evidence is a gap for the
//! checklists to report, not an error in the file.

use crate::schema::{Field, Kind, field, required};
use crate::stage::Stage;

/// The version written as `format_version` at the top of every scheme file.
pub const FORMAT_VERSION: i64 = 1;

const TEXT: Kind = Kind::Text;
const BOOL: Kind = Kind::Bool;
const DATE: Kind = Kind::EventDate;
const COUNT: Kind = Kind::Integer { min: 0, max: i64::MAX };
const PERCENT: Kind = Kind::Number { min: 0.0, max: 100.0 };
const AMOUNT: Kind = Kind::Number { min: 0.0, max: f64::INFINITY };
const MONEY: Kind = Kind::Number { min: f64::NEG_INFINITY, max: f64::INFINITY };
const TEXTS: Kind = Kind::List(&Kind::Text);
const DATES: Kind = Kind::List(&Kind::EventDate);

/// Where a document or page is published, and when.
const PUBLICATION: &[Field] = &[
    field("date", DATE, "Date the document was published or approved.", "2024-03-12"),
    field("url", TEXT, "Where it can be read (web address or document reference).", "\"https://example.nhs.uk/case-for-change\""),
    field("version", TEXT, "Version or reference of the document.", "\"v1.2\""),
    field("summary", TEXT, "A sentence or two on what it says.", "\"Sets out vacancy rates and unmet national standards.\""),
];

const SCHEME: &[Field] = &[
    required("name", TEXT, "Name of the scheme as the public knows it.", "\"Northmoor hyper-acute stroke services review\""),
    field("summary", TEXT, "What changes, in a sentence or two.", "\"Six stroke units become three hyper-acute stroke units.\""),
    field("services", TEXTS, "Services affected.", "[\"hyper-acute stroke\", \"acute stroke rehabilitation\"]"),
    field(
        "change_types",
        Kind::List(&Kind::Choice(&[
            "centralisation", "consolidation", "downgrade", "closure", "relocation", "new-service", "bed-reduction", "service-model",
        ])),
        "Kinds of change the scheme makes.",
        "[\"centralisation\"]",
    ),
    field("permanence", Kind::Choice(&["permanent", "temporary"]), "Whether the change is meant to be permanent or temporary.", "\"permanent\""),
    field("urgency", Kind::Choice(&["planned", "urgent"]), "Planned, or urgent because of a risk to the safety or welfare of patients or staff.", "\"planned\""),
    field("population", COUNT, "Population served by the affected services.", "1850000"),
    field("lead_organisation", TEXT, "Organisation leading the programme.", "\"NHS Northmoor and Eastdale Integrated Care Board\""),
    field("substantial", BOOL, "The sponsor's view of whether the change is a substantial development or variation. Regulation 23 consultation applies when the sponsor or any council (`local_authorities[].considers_substantial`) holds it substantial.", "true"),
    field(
        "substantial_decision",
        Kind::Table(&[
            field("date", DATE, "Date the decision was recorded.", "2023-05-10"),
            field("by", TEXT, "Who decided.", "\"ICB board\""),
            field("reasons", TEXT, "The reasons recorded.", "\"Changes where emergency stroke care is provided for 1.8 million people.\""),
        ]),
        "Record of the decision on whether the change is substantial.",
        "date = 2023-05-10",
    ),
    field("trust_involved", BOOL, "Whether an NHS trust or foundation trust leads or takes part in the change (so its own involvement duty applies); also found from `sites[].organisation_kind`.", "true"),
    field("contested", BOOL, "Whether the proposal is contested (for example opposed by a council, clinicians or a large public campaign).", "false"),
    field("provider_change", BOOL, "Whether a service will be procured or will change provider.", "false"),
    field("procurement_route", TEXT, "The provider selection regime route followed, where a service is procured or changes provider.", "\"direct award process C\""),
    field("notifiable", BOOL, "Superseded and no longer read: notification follows from regulation 23 applying (see `substantial`). The sponsor's view of whether the change is a notifiable reconfiguration.", "true"),
    field("emergency_pathways_change", BOOL, "Whether the change alters emergency pathways: where 999 patients are taken, or transfers between hospitals (so the ambulance service's assessment is needed).", "true"),
];

const SITES: &[Field] = &[
    required("name", TEXT, "Site name.", "\"Maidford General Hospital\""),
    field("organisation", TEXT, "Organisation running the site.", "\"Maidford and Vale NHS Foundation Trust\""),
    field(
        "organisation_kind",
        Kind::Choice(&["nhs-trust", "foundation-trust", "independent-sector", "primary-care", "local-authority", "other"]),
        "Kind of organisation running the site (an NHS trust or foundation trust has its own duty to involve the public).",
        "\"foundation-trust\"",
    ),
    field(
        "change",
        Kind::Choice(&["unchanged", "expanding", "new", "reducing", "downgrading", "closing"]),
        "What happens to the affected services at this site.",
        "\"expanding\"",
    ),
    field("services_before", TEXTS, "Affected services provided there now.", "[\"acute stroke unit\"]"),
    field("services_after", TEXTS, "Affected services provided there after the change.", "[\"hyper-acute stroke unit\"]"),
    field("ward_type", TEXT, "The kind of beds, where a site has several (adult acute, maternity, stroke, rehabilitation): record one `[[sites]]` entry per site and ward type.", "\"adult acute\""),
    field("beds_before", COUNT, "Beds in the affected services now.", "34"),
    field("beds_after", COUNT, "Beds in the affected services after the change.", "38"),
];

const COMMISSIONERS: &[Field] = &[
    required("name", TEXT, "Commissioner name.", "\"NHS Northmoor and Eastdale Integrated Care Board\""),
    field(
        "type",
        Kind::Choice(&["icb", "nhs-england", "ccg", "pct", "local-authority"]),
        "Kind of commissioner (ccg and pct for schemes before July 2022 and April 2013).",
        "\"icb\"",
    ),
    field("role", Kind::Choice(&["lead", "associate"]), "Lead or associate commissioner.", "\"lead\""),
    field("supports", BOOL, "Whether the commissioner's board has formally resolved to support the proposal.", "true"),
    field("resolution_date", DATE, "Date of that board resolution.", "2024-09-04"),
    field("resolution_reference", TEXT, "Minute or paper reference of the resolution.", "\"ICB/24/117\""),
    field("decision_date", DATE, "Date this organisation's own board took its decision on the proposal (where it decides for itself, not through a joint committee).", "2025-07-15"),
];

const LOCAL_AUTHORITIES: &[Field] = &[
    required("name", TEXT, "Council name.", "\"Eastdale County Council\""),
    field("considers_substantial", BOOL, "Whether this authority's scrutiny committee considers the change substantial.", "true"),
    field("health_and_wellbeing_board", TEXT, "Name of the authority's Health and Wellbeing Board.", "\"Eastdale Health and Wellbeing Board\""),
];

const CASE_FOR_CHANGE: &[Field] = &[
    field("published", Kind::Table(PUBLICATION), "The public case for change.", "date = 2023-11-01"),
    field("drivers", TEXTS, "Why change is needed: the problems the scheme solves.", "[\"consultant vacancies\", \"national standards not met\"]"),
    field("metrics", TEXTS, "Key measures behind the case (vacancy rates, standards not met, outcomes).", "[\"thrombolysis rate 8% against 12% in best units\"]"),
    field("jsna_date", DATE, "Date of the joint strategic needs assessment relied on (its latest refresh).", "2023-06-01"),
    field("jsna_references", TEXTS, "Chapters of the joint strategic needs assessment (JSNA) the case draws on.", "[\"Eastdale JSNA 2023: cardiovascular disease\"]"),
    field("health_and_wellbeing_strategy", TEXT, "How the scheme fits the joint health and wellbeing strategy's priorities.", "\"Supports priority 2: reducing deaths from stroke.\""),
    field("population_needs", TEXT, "Current and projected population needs and demand.", "\"Strokes rise 2% a year with an ageing population.\""),
    field("system_challenges", TEXT, "The shared, system-wide understanding of key health and wellbeing challenges.", "\"Agreed by the integrated care partnership in 2023.\""),
    field("gaps_and_duplication", TEXT, "Gaps and duplication in services and in access to them that the scheme closes.", "\"Two units duplicate on-call rotas; no 7-day TIA clinic.\""),
    field("shared_vision", TEXT, "The local vision the partners share, and the reform agenda it belongs to.", "\"One stroke service for Northmoor, agreed by all partners.\""),
    field("history", TEXT, "Previous change attempts and reviews in this area, and what became of them.", "\"A 2016 review stalled at options stage.\""),
    field("national_policy", TEXT, "How the scheme fits national policy: the NHS Long Term Plan and the plans that succeed it.", "\"Delivers the Long Term Plan's stroke ambitions.\""),
    field("relationships", TEXT, "The existing organisations and relationships the scheme builds on.", "\"Provider collaborative formed 2022; joint posts with the council.\""),
    field("integrated_care_strategy", TEXT, "How the scheme fits the area's health and care strategy: the integrated care partnership's strategy and the ICB's forward plan from July 2022; the local clinical or sustainability and transformation strategy before.", "\"Delivers priority 3 of the 2023 integrated care strategy.\""),
];

const EVIDENCE_ITEMS: &[Field] = &[
    required("title", TEXT, "What the evidence is.", "\"National clinical guideline for stroke\""),
    field(
        "kind",
        Kind::Choice(&["literature-review", "national-standard", "guideline", "comparator-site", "audit", "modelling", "expert-opinion"]),
        "Kind of evidence.",
        "\"guideline\"",
    ),
    field("date", DATE, "Date of the evidence.", "2023-04-01"),
    field("reference", TEXT, "Citation or link.", "\"Intercollegiate Stroke Working Party, 2023\""),
    field("finding", TEXT, "What it shows for this scheme.", "\"Units under 600 admissions a year have worse outcomes.\""),
];

const CLINICAL_MODEL: &[Field] = &[
    field("summary", TEXT, "The proposed clinical model in brief.", "\"Three 24/7 hyper-acute stroke units with stroke units and early supported discharge.\""),
    field("agreed", DATE, "Date the clinical reference group agreed the model.", "2024-02-14"),
    field("evidence", Kind::Tables(EVIDENCE_ITEMS), "Evidence that the model delivers better outcomes.", "title = \"…\""),
    field("expected_outcomes", TEXT, "Outcomes the model is expected to improve.", "\"More patients thrombolysed within an hour.\""),
    field("user_groups", TEXTS, "Groups of people whose care is planned around the model (e.g. frail older people, women in labour).", "[\"people having a stroke\", \"carers\"]"),
    field("pathways", TEXTS, "Patient pathway or journey maps for the affected groups.", "[\"suspected stroke: 999 call to HASU\"]"),
    field("personalised_care", TEXT, "How care is planned with each person.", "\"Personalised rehabilitation plans agreed before discharge.\""),
    field("prevention", TEXT, "Early-help and prevention parts of the model that avoid unplanned admissions.", "\"Atrial fibrillation case-finding in primary care.\""),
    field("avoided_admissions_per_year", COUNT, "Unplanned admissions the model is projected to avoid each year.", "120"),
    field("avoided_admissions_method", TEXT, "How that projection was made.", "\"Modelled on comparator-site falls in admissions.\""),
];

const OPTION_CRITERIA: &[Field] = &[
    required("name", TEXT, "Evaluation criterion.", "\"quality of care\""),
    field("weight", PERCENT, "Weight in percent.", "30"),
];

const OPTIONS: &[Field] = &[
    field("long_list", COUNT, "Number of options on the long list.", "14"),
    field("hurdle_criteria", TEXTS, "Hurdle criteria used to reduce the long list.", "[\"clinically sustainable\", \"deliverable by 2027\"]"),
    field("evaluation_criteria", Kind::Tables(OPTION_CRITERIA), "Weighted criteria used to evaluate the shortlist.", "name = \"access\""),
    field("criteria_agreed", DATE, "Date the evaluation criteria and weights were agreed.", "2024-02-01"),
    field("criteria_changed", DATE, "Date the evaluation criteria or weights were last changed after they were agreed, if they were.", "2024-03-01"),
    field("shortlist", TEXTS, "The shortlisted options.", "[\"A: units at Maidford, Ashby and Kingsmere\", \"B: …\"]"),
    field("do_nothing_considered", BOOL, "Whether a do-nothing or do-minimum option was appraised.", "true"),
    field("preferred", TEXT, "The preferred option, if one has been named.", "\"Option A\""),
    field("appraisal_date", DATE, "Date of the appraisal panel.", "2024-03-20"),
    field("scoring_panel", TEXTS, "Who scored the options.", "[\"clinicians\", \"patient representatives\"]"),
    field("sensitivity_analysis", TEXT, "How robust the ranking is to changes in weights.", "\"Option A ranks first under all weightings tested.\""),
];

const GROUPS: &[Field] = &[
    required("name", TEXT, "Group name.", "\"Stroke clinical reference group\""),
    field(
        "kind",
        Kind::Choice(&["clinical", "finance", "workforce", "estates", "communications-engagement", "programme-board", "joint-committee", "task-and-finish"]),
        "What the group is for.",
        "\"clinical\"",
    ),
    field("chair", TEXT, "Who chairs it.", "\"Dr A. Patel, consultant stroke physician\""),
    field("members", TEXTS, "Members by role or organisation.", "[\"stroke physicians\", \"ambulance service\", \"therapists\"]"),
    field("remit", TEXT, "What it is responsible for.", "\"Develops and agrees the clinical model.\""),
    field("terms_of_reference", DATE, "Date its terms of reference were agreed.", "2023-06-01"),
    field("meetings", DATES, "Meeting dates.", "[2023-07-05, 2023-09-06]"),
];

const PROGRAMME: &[Field] = &[
    field("senior_responsible_officer", TEXT, "The senior responsible officer.", "\"Chief strategy officer, Northmoor and Eastdale ICB\""),
    field("clinical_lead", TEXT, "The clinical lead.", "\"Medical director\""),
    field("workforce_lead", TEXT, "Who leads on workforce.", "\"Director of people\""),
    field("estates_lead", TEXT, "Who leads on estates.", "\"Director of estates\""),
    field("decision_log", TEXT, "Where decisions are logged.", "\"Programme decision log, SharePoint\""),
    field("records_retention", TEXT, "How programme records are version-controlled and kept.", "\"Board papers and business case versions kept for 30 years\""),
    field("activity_model_version", TEXT, "Version of the activity model behind the options.", "\"v3.2, March 2024\""),
    field("governance_change_date", DATE, "Date of any change to organisational form, governance or contracts made for the scheme.", "2025-04-01"),
    field("partnership_agreements", TEXTS, "Partnership agreements, memoranda of understanding or collaboratives the scheme relies on.", "[\"Stroke network memorandum of understanding, 2023\"]"),
    field("project_team", TEXT, "The dedicated project team and its skills.", "\"Programme manager, analyst, engagement lead\""),
    field("od_support", TEXT, "Change-management and organisational-development support at key points (first meetings, building logic models).", "\"OD facilitator for the first three clinical workshops\""),
    field("groups", Kind::Tables(GROUPS), "Programme groups: clinical, finance, workforce, estates, communications and engagement, board.", "name = \"…\""),
];

const ACTIVITIES: &[Field] = &[
    required("date", DATE, "Date of the activity (first day, if several).", "2024-05-14"),
    required(
        "kind",
        Kind::Choice(&[
            "public-meeting", "workshop", "co-design", "survey", "focus-group", "online", "outreach", "staff-event", "deliberative-event", "roadshow", "stakeholder-briefing",
        ]),
        "Kind of activity.",
        "\"co-design\"",
    ),
    field("title", TEXT, "What it was.", "\"Stroke survivors' pathway workshop\""),
    field("participants", COUNT, "People who took part.", "24"),
    field("reach", COUNT, "People reached (e.g. by publicity or survey invitations).", "5000"),
    field("groups", TEXTS, "Groups who took part (patients, carers, staff, named communities).", "[\"stroke survivors\", \"carers\"]"),
    field("seldom_heard", BOOL, "Whether it was aimed at seldom-heard groups.", "true"),
    field("outputs", TEXT, "What came out of it.", "\"Report of themes, June 2024\""),
    field("changed_proposals", TEXT, "How it changed the proposals, if it did.", "\"Added a transport scheme for Ashby residents.\""),
];

const STRUCTURES: &[Field] = &[
    required("name", TEXT, "Name of the structure.", "\"Stroke stakeholder reference group\""),
    field(
        "kind",
        Kind::Choice(&["stakeholder-reference-group", "patient-panel", "carer-panel", "citizens-panel", "deliberative-forum", "lived-experience-group"]),
        "Kind of structure.",
        "\"stakeholder-reference-group\"",
    ),
    field("established", DATE, "Date it was set up.", "2023-09-01"),
    field("members", COUNT, "Number of members.", "18"),
    field("meetings", DATES, "Meeting or event dates.", "[2023-10-03, 2024-01-09]"),
    field("outputs", TEXT, "What it has produced or changed.", "\"Shaped the travel mitigations.\""),
];

const ENGAGEMENT: &[Field] = &[
    field("plan", Kind::Table(PUBLICATION), "The engagement and consultation plan.", "date = 2023-09-01"),
    field("involvement_assessment", Kind::Table(PUBLICATION), "The recorded assessment of whether the duty to involve the public applies, and how.", "date = 2023-06-20"),
    field("statutory_guidance_regard", TEXT, "How the statutory guidance on working in partnership with people and communities (2022) was followed, and reasons for any departure.", "\"Followed all ten principles; see engagement plan section 2.\""),
    field("trust_involvement", TEXT, "Record of the trust's own involvement of the public: a board minute, the activities it led.", "\"Trust board minute 24/55\""),
    field("co_design_weeks", COUNT, "Weeks set aside in the programme timeline for co-design.", "16"),
    field("protected_staff_time", TEXT, "Staff time protected for co-design: whose, and how much.", "\"Two sessions a month for each clinical lead\""),
    field("methods", TEXTS, "The methods of communication used with staff and the public.", "[\"drop-in events\", \"online survey\", \"community radio\"]"),
    field("stakeholder_map", BOOL, "Whether a stakeholder map exists.", "true"),
    field("seldom_heard_groups", TEXTS, "Seldom-heard groups identified for targeted engagement.", "[\"Gypsy and Traveller communities\", \"people with aphasia\"]"),
    field("first_public_engagement", DATE, "Date the public was first engaged on the scheme.", "2023-11-01"),
    field("report", Kind::Table(PUBLICATION), "The pre-consultation engagement report.", "date = 2024-06-30"),
    field("themes", TEXTS, "Main themes heard.", "[\"travel times\", \"family visiting\"]"),
    field("public_support", TEXT, "What is known of public understanding of, and support for, the vision and case for change.", "\"62% of survey respondents agreed change is needed.\""),
    field("lived_experience_on_board", BOOL, "Whether people with lived experience sit on the programme board.", "true"),
    field("activities", Kind::Tables(ACTIVITIES), "Engagement activities, one table each.", "date = 2024-05-14"),
    field("structures", Kind::Tables(STRUCTURES), "Standing engagement structures (reference groups, panels, forums).", "name = \"…\""),
];

const DOCUMENTS: &[Field] = &[
    required("title", TEXT, "Document title.", "\"Consultation document\""),
    field(
        "kind",
        Kind::Choice(&["consultation-document", "summary", "easy-read", "translation", "large-print", "audio", "bsl-video", "technical-appendix", "impact-assessment", "questionnaire"]),
        "Kind of document or format.",
        "\"easy-read\"",
    ),
    field("published", DATE, "Date published.", "2025-01-06"),
    field("pages", COUNT, "Number of pages.", "28"),
    field("language", TEXT, "Language, for translations.", "\"Polish\""),
];

const PERIODS: &[Field] = &[
    required("name", TEXT, "The election.", "\"county council elections\""),
    required("from", DATE, "First day of the pre-election period.", "2025-03-24"),
    required("to", DATE, "Last day (polling day).", "2025-05-01"),
];

const CONSULTATION: &[Field] = &[
    field("start", DATE, "Date public consultation opens.", "2025-01-06"),
    field("end", DATE, "Date public consultation closes.", "2025-03-31"),
    field("shorter_reason", TEXT, "Why the consultation is shorter than 12 weeks, if it is.", "\"…\""),
    field("documents", Kind::Tables(DOCUMENTS), "Consultation documents and accessible formats.", "title = \"…\""),
    field("options_consulted", COUNT, "Options put to the public in the consultation.", "2"),
    field("no_prior_commitments", BOOL, "Confirmation that no contract, announcement or decision committed the outcome before consultation.", "true"),
    field("explains", Kind::List(&Kind::Choice(&["money", "transport", "emergency-care"])), "Topics the public material explains in plain terms.", "[\"money\", \"transport\", \"emergency-care\"]"),
    field("pre_election_periods", Kind::Tables(PERIODS), "Pre-election periods that fall near the consultation.", "name = \"county council elections\""),
    field("extended_for_election", BOOL, "Whether the consultation was extended because a pre-election period fell during it.", "true"),
    field("events", COUNT, "Number of consultation events.", "63"),
    field("attendees", COUNT, "People attending events.", "732"),
    field("reach", COUNT, "People reached.", "2000000"),
    field("responses", COUNT, "Responses received.", "5000"),
    field(
        "analysis",
        Kind::Table(&[
            field("provider", TEXT, "Who analysed the responses.", "\"Independent research organisation\""),
            field("independent", BOOL, "Whether the analysis was independent of the sponsor.", "true"),
            field("method", TEXT, "How responses were analysed.", "\"Thematic coding of free text\""),
            field("report_date", DATE, "Date the analysis report was delivered.", "2025-05-30"),
            field("decision_makers_received", DATE, "Date decision-makers received the full report.", "2025-06-10"),
        ]),
        "Analysis of consultation responses.",
        "independent = true",
    ),
];

const COMMITTEES: &[Field] = &[
    required("name", TEXT, "Committee name.", "\"Eastdale Health Overview and Scrutiny Committee\""),
    field("authority", TEXT, "The council it belongs to.", "\"Eastdale County Council\""),
    field("first_briefing", DATE, "First informal briefing on the scheme.", "2023-10-12"),
    field("comments_due", DATE, "Date by which the committee's comments were asked for.", "2025-04-30"),
    field("decision_date_notified", DATE, "Intended decision date, as notified to the committee.", "2025-07-15"),
    field("timescales_published", DATE, "Date those timescales were published.", "2025-01-06"),
    field("response", TEXT, "The committee's formal response.", "\"Supports the proposal subject to transport mitigations.\""),
    field("response_date", DATE, "Date of the response.", "2025-04-24"),
    field("recommendations", COUNT, "Recommendations the committee made in its response.", "4"),
    field("nhs_response_due", DATE, "Date by which the NHS body undertook to answer the committee's comments and recommendations.", "2025-06-30"),
    field("nhs_response_date", DATE, "Date the NHS body answered them in writing.", "2025-06-20"),
];

const JOINT_COMMITTEE: &[Field] = &[
    field("name", TEXT, "Joint committee name.", "\"Northmoor and Eastdale Joint HOSC\""),
    field("authorities", TEXTS, "Councils on the joint committee.", "[\"Eastdale County Council\", \"Northmoor City Council\"]"),
    field("established", DATE, "Date the joint committee was set up.", "2024-10-01"),
    field("terms_of_reference", DATE, "Date the joint committee's terms of reference were agreed.", "2024-10-01"),
    field("meetings", DATES, "Meeting dates.", "[2025-02-10]"),
    field("response", TEXT, "Its formal response.", "\"…\""),
    field("response_date", DATE, "Date of the response.", "2025-04-24"),
    field("comments_due", DATE, "Date by which the committee's comments were asked for.", "2025-04-30"),
    field("decision_date_notified", DATE, "Intended decision date, as notified to the committee.", "2025-07-15"),
    field("timescales_published", DATE, "Date those timescales were published.", "2025-01-06"),
    field("recommendations", COUNT, "Recommendations the committee made in its response.", "4"),
    field("nhs_response_due", DATE, "Date by which the NHS body undertook to answer the committee's comments and recommendations.", "2025-06-30"),
    field("nhs_response_date", DATE, "Date the NHS body answered them in writing.", "2025-06-20"),
];

const REFERRALS: &[Field] = &[
    required("by", TEXT, "Who referred the proposal (a council, its scrutiny committee, a joint committee).", "\"Oxfordshire Joint Health Overview and Scrutiny Committee\""),
    field("date", DATE, "Date of the referral.", "2017-08-21"),
    field(
        "power",
        Kind::Choice(&["reg4-2002", "reg23-2013"]),
        "The power used: regulation 4 of the 2002 regulations (to March 2013) or regulation 23(9) of the 2013 regulations (April 2013 to January 2024).",
        "\"reg23-2013\"",
    ),
    field(
        "grounds",
        Kind::List(&Kind::Choice(&["inadequate-consultation", "not-in-interests", "inadequate-reasons"])),
        "The grounds given.",
        "[\"inadequate-consultation\"]",
    ),
    field("outcome", TEXT, "What the Secretary of State decided, and when.", "\"Asked the CCG to do more work, 2018.\""),
];

const IRP_REVIEW: &[Field] = &[
    field("date", DATE, "Date of the panel's advice to the Secretary of State.", "2018-03-16"),
    field("kind", Kind::Choice(&["initial-assessment", "full-review"]), "An initial assessment or a full review.", "\"initial-assessment\""),
    field("recommendation", TEXT, "What the panel recommended.", "\"More work is needed before a final decision.\""),
];

const SCRUTINY: &[Field] = &[
    field("consultation_start", DATE, "Date formal consultation of the local authorities under regulation 23 began.", "2025-01-06"),
    field("committees", Kind::Tables(COMMITTEES), "Health overview and scrutiny committees consulted.", "name = \"…\""),
    field("joint_committee", Kind::Table(JOINT_COMMITTEE), "The joint scrutiny committee, where several councils are affected.", "name = \"…\""),
    field("joint_committees", Kind::Tables(JOINT_COMMITTEE), "Several joint scrutiny committees, where a scheme crosses several groups of councils (a national specialised scheme may have three).", "name = \"…\""),
    field("referrals", Kind::Tables(REFERRALS), "Referrals of the proposal to the Secretary of State by councils, before January 2024.", "by = \"…\""),
    field("irp_review", Kind::Table(IRP_REVIEW), "The Independent Reconfiguration Panel's advice to the Secretary of State on a referral or call-in.", "date = 2018-03-16"),
];

const HWBS: &[Field] = &[
    required("name", TEXT, "Board name.", "\"Eastdale Health and Wellbeing Board\""),
    field("meeting", DATE, "Date it considered the proposal.", "2024-07-18"),
    field("position", TEXT, "Its recorded position, including fit with the JSNA and strategy.", "\"Welcomed the proposal as aligned to its strategy.\""),
];

const OUTCOMES: &[&str] = &["assured", "assured-with-conditions", "not-assured", "pending"];

const ASSURANCE: &[Field] = &[
    field(
        "stage1",
        Kind::Table(&[
            field("date", DATE, "Date of the strategic sense check.", "2023-12-05"),
            field("outcome", TEXT, "What was agreed.", "\"Proceed; full clinical senate review required.\""),
            field("assurance_level", TEXT, "Level of assurance agreed with the NHS England region.", "\"full\""),
            field("level_agreed", BOOL, "Whether the level of assurance needed was agreed with the region.", "true"),
            field("clinical_review_required", BOOL, "Whether an independent clinical review was judged necessary.", "true"),
        ]),
        "NHS England stage 1 strategic sense check.",
        "date = 2023-12-05",
    ),
    field(
        "clinical_senate",
        Kind::Table(&[
            field("requested", DATE, "Date the review was requested.", "2024-01-15"),
            field("terms_of_reference", DATE, "Date the terms of reference were agreed.", "2024-02-20"),
            field("review", DATE, "Date of the panel review.", "2024-05-22"),
            field("report", DATE, "Date of the senate's report.", "2024-06-28"),
            field("recommendations", COUNT, "Number of recommendations.", "9"),
            field("recommendations_answered", COUNT, "Recommendations with a recorded response from the sponsor.", "9"),
            field("supports_model", BOOL, "Whether the senate supported the clinical model.", "true"),
        ]),
        "Independent clinical senate review.",
        "report = 2024-06-28",
    ),
    field(
        "pcbc",
        Kind::Table(&[
            field("version", TEXT, "Version of the pre-consultation business case.", "\"v2.1\""),
            field("date", DATE, "Date of the version of the business case assessed.", "2024-09-01"),
            field("approved_by", TEXT, "Body that approved the business case.", "\"ICB board\""),
            field("approved", DATE, "Date approved.", "2024-09-04"),
            field(
                "contents",
                Kind::List(&Kind::Choice(&[
                    "case-for-change", "options", "four-tests", "bed-conditions", "impact-assessment", "finance", "workforce", "travel", "engagement",
                ])),
                "Sections the business case contains.",
                "[\"case-for-change\", \"options\", \"four-tests\"]",
            ),
        ]),
        "Pre-consultation business case.",
        "approved = 2024-09-04",
    ),
    field(
        "stage2",
        Kind::Table(&[
            field("date", DATE, "Date of the stage 2 checkpoint.", "2024-10-22"),
            field("outcome", Kind::Choice(OUTCOMES), "Outcome of the checkpoint.", "\"assured-with-conditions\""),
            field("conditions", COUNT, "Conditions set.", "3"),
            field("conditions_closed", COUNT, "Conditions closed with evidence.", "2"),
        ]),
        "NHS England stage 2 assurance checkpoint.",
        "date = 2024-10-22",
    ),
    field(
        "dmbc",
        Kind::Table(&[
            field("version", TEXT, "Version of the decision-making business case.", "\"v1.0\""),
            field("date", DATE, "Date of the version of the business case assessed.", "2025-06-20"),
            field("you_said_we_did", BOOL, "Whether the business case shows how consultation feedback changed or confirmed the proposal.", "true"),
            field("changes_since_pcbc", TEXT, "Material changes since the pre-consultation business case.", "\"Added a transport scheme.\""),
            field("materially_changed", BOOL, "Whether the proposal has changed materially since consultation.", "false"),
            field("materiality_assessment", TEXT, "The assessment of whether changes since consultation are material.", "\"Changes are mitigations only; not material.\""),
            field("renewed_engagement", DATE, "Date renewed engagement or re-consultation began, where the proposal changed materially.", "2025-09-01"),
        ]),
        "Decision-making business case.",
        "date = 2025-06-20",
    ),
    field(
        "decision",
        Kind::Table(&[
            field("body", TEXT, "Body that took the decision.", "\"NHS Northmoor and Eastdale ICB board\""),
            field("date", DATE, "Date of the decision.", "2025-07-15"),
            field("papers_published", DATE, "Date the decision papers were published.", "2025-07-08"),
            field("in_public", BOOL, "Whether it was taken in a meeting held in public.", "true"),
            field("outcome", TEXT, "What was decided.", "\"Option A approved.\""),
            field("minutes", TEXT, "Where the minutes are published.", "\"https://…/board-minutes-2025-07\""),
            field("equality_considered", BOOL, "Whether the decision papers show members considered the equality impact assessment.", "true"),
            field("inequalities_considered", BOOL, "Whether the decision papers record regard to reducing health inequalities.", "true"),
            field(
                "basis",
                Kind::Choice(&["commissioner", "joint-committee", "nhs-england", "icb-delegated", "trust-special-administration", "secretary-of-state"]),
                "The legal route of the decision: the commissioner of the service; a joint committee under delegation; NHS England for specialised services; an ICB under delegation from NHS England; a trust special administrator's report; or the Secretary of State.",
                "\"commissioner\"",
            ),
            field("commissions_service", BOOL, "Whether the body that decided commissioned the service on the decision date (for a joint committee, every member body).", "true"),
            field("delegation", TEXT, "The delegation a joint committee or a delegated ICB acts under: the instrument and its date.", "\"Joint committee terms of reference and delegation agreed by each ICB board, March 2024\""),
            field("delegation_from", DATE, "Date the delegation took effect (on or before the decision).", "2024-04-01"),
            field("reaches_other_trusts", BOOL, "For a trust special administration: whether the decision changes services of trusts other than the one in administration.", "false"),
            field("quality_considered", BOOL, "Whether the decision papers record regard to securing continuous improvement in the quality of services.", "true"),
            field("triple_aim_considered", BOOL, "Whether the decision papers record regard to the wider effects of the decision: health and wellbeing, quality of services, and efficient and sustainable use of resources.", "true"),
            field("advice", TEXT, "The appropriate advice the decision-makers obtained (clinical, public health) and where it is recorded.", "\"Clinical senate report, June 2024; director of public health's advice, board paper 7\""),
            field("conflicts_declared", BOOL, "Whether the minutes record that members declared their interests, including providers affected by the decision.", "true"),
            field("conflicts_managed", TEXT, "How declared conflicts were managed (members excluded from the item, advice taken).", "\"Trust chief executives left the meeting for the item.\""),
        ]),
        "The decision itself.",
        "date = 2025-07-15",
    ),
];

const FINANCE: &[Field] = &[
    field("revenue_before", MONEY, "Recurrent revenue cost of the affected services now, in £ million.", "48.2"),
    field("revenue_after", MONEY, "Recurrent revenue cost after the change, in £ million.", "46.9"),
    field("capital_required", BOOL, "Whether the change needs capital.", "true"),
    field("capital_amount", AMOUNT, "Capital needed, in £ million.", "31.5"),
    field("capital_source", TEXT, "Where the capital comes from.", "\"national new hospital programme bid\""),
    field("system_plan_alignment", TEXT, "How the proposal fits the system's financial plan.", "\"Included in the ICS five-year capital plan.\""),
    field("benefits", TEXT, "The benefits the change brings, and when.", "\"Saves £1.3m a year from 2027/28; better outcomes.\""),
    field(
        "business_cases",
        Kind::Table(&[
            field("soc", DATE, "Date the strategic outline case was approved.", "2024-09-30"),
            field("obc", DATE, "Date the outline business case was approved.", "2025-06-30"),
            field("fbc", DATE, "Date the full business case was approved.", "2026-03-31"),
            field("approving_body", Kind::Choice(&["trust-board", "nhs-england", "joint-investment-sub-committee", "hm-treasury"]), "Body that approves the capital case at its value.", "\"nhs-england\""),
            field("funding_programme", TEXT, "The capital programme or source funding it.", "\"ICS capital allocation\""),
        ]),
        "Capital business cases (Green Book strategic outline, outline and full business cases).",
        "soc = 2024-09-30",
    ),
    field("value_for_money", TEXT, "The value-for-money case.", "\"Net saving of £1.3m a year from 2028/29.\""),
    field("whole_system_model", BOOL, "Whether the financial model covers NHS and council spending together.", "true"),
    field("transition_costs", MONEY, "One-off costs of the transition, including double running of old and new services, in £ million.", "3.2"),
    field("pooled_budget", TEXT, "Any pooled or aligned budget (section 75, Better Care Fund).", "\"Section 75 agreement for community rehabilitation\""),
    field("social_care_impact", TEXT, "Effect on council social care spending.", "\"£0.4m more on reablement, funded from the BCF.\""),
];

const WORKFORCE: &[Field] = &[
    field("current_wte", AMOUNT, "Current whole-time-equivalent staff in the affected services.", "412"),
    field("future_wte", AMOUNT, "Whole-time-equivalent staff needed after the change.", "398"),
    field("vacancy_rate", PERCENT, "Current vacancy rate, percent.", "14.5"),
    field("rota_compliance", TEXT, "Whether rotas will comply with standards.", "\"24/7 consultant rota at all three units.\""),
    field("recruitment_plan", TEXT, "How the gaps will be filled.", "\"International recruitment of 12 stroke nurses.\""),
    field("training_implications", TEXT, "Effects on training posts.", "\"Deanery agrees trainee rotations.\""),
    field("clinical_support", TEXT, "Letters of support from clinicians, and how any clinical opposition was addressed.", "\"Letters of support from all three stroke teams.\""),
    field("staff_consultation", DATE, "Date formal staff and union consultation began.", "2025-08-01"),
];

const TRAVEL: &[Field] = &[
    field("analysis", Kind::Table(PUBLICATION), "The travel and access analysis.", "date = 2024-04-30"),
    field("modes", Kind::List(&Kind::Choice(&["blue-light", "private-car", "public-transport"])), "Modes of travel modelled.", "[\"blue-light\", \"public-transport\"]"),
    field("standard", TEXT, "The travel or access standard the service itself works to, with its source.", "\"30 minutes by ambulance to a hyper-acute stroke unit (London stroke model)\""),
    field("standard_minutes", COUNT, "That standard in minutes.", "30"),
    field("within_standard_before", PERCENT, "Share of the population within the standard now, percent.", "91"),
    field("within_standard_after", PERCENT, "Share of the population within the standard after the change, percent.", "82"),
    field("within_30_minutes_before", PERCENT, "Superseded and no longer read: record `within_standard_before` with the service's own standard. Share of the population within 30 minutes now, percent.", "91"),
    field("within_30_minutes_after", PERCENT, "Superseded and no longer read: record `within_standard_after` with the service's own standard. Share of the population within 30 minutes after, percent.", "82"),
    field("longest_journey_minutes", COUNT, "Longest modelled journey after the change, in minutes.", "58"),
    field("mitigations", TEXTS, "Measures that reduce the travel impact.", "[\"volunteer driver scheme\"]"),
    field("ambulance_view", TEXT, "The ambulance service's view of the travel impact.", "\"Supports; 6 extra vehicles needed.\""),
    field("ambulance_letter", DATE, "Date of the ambulance trust's letter on conveyance and transfers.", "2024-05-20"),
    field("ambulance_supports", BOOL, "Whether the ambulance service supports the plan (recorded either way: its view is needed, not its support).", "true"),
    field("extra_conveyance_minutes", COUNT, "Extra ambulance conveyance minutes a year, as modelled.", "41000"),
];

const ASSESSMENT: &[Field] = &[
    field("date", DATE, "Date of the assessment's latest version.", "2024-08-15"),
    field("version", TEXT, "Version.", "\"interim v2\""),
    field("status", Kind::Choice(&["draft", "interim", "final"]), "Draft, interim (at the PCBC) or final (at the decision).", "\"interim\""),
    field("published", DATE, "Date the assessment was published.", "2025-01-06"),
    field("groups_assessed", TEXTS, "Groups or protected characteristics assessed.", "[\"age\", \"disability\"]"),
    field("findings", TEXT, "The assessment's main findings.", "\"Older people face longer journeys.\""),
    field("mitigations", TEXTS, "Mitigations for the effects found.", "[\"transport scheme\"]"),
];

const IMPACT_ASSESSMENTS: &[Field] = &[
    field("equality", Kind::Table(ASSESSMENT), "Equality impact assessment (public sector equality duty).", "date = 2024-08-15"),
    field("health_inequalities", Kind::Table(ASSESSMENT), "Health inequalities impact assessment (access and outcomes, deprivation).", "date = 2024-08-15"),
    field("quality", Kind::Table(ASSESSMENT), "Quality impact assessment: effects on safety, clinical effectiveness and patients' experience.", "date = 2024-08-15"),
    field("integrated", Kind::Table(ASSESSMENT), "Integrated impact assessment combining the above.", "date = 2024-08-15"),
];

const BEDS: &[Field] = &[
    field("baseline", COUNT, "Beds in the affected services now.", "400"),
    field("proposed", COUNT, "Beds after the change.", "318"),
    field("significant_reduction", BOOL, "The sponsor's judgement of whether a net reduction in beds (`proposed` below `baseline`) is significant, so that the bed test applies.", "true"),
    field("significance_reasons", TEXT, "The reasons for that judgement (no source sets a number for \"significant\").", "\"82 fewer acute beds, 20% of the baseline.\""),
    field("closure_date", DATE, "Date the first beds close.", "2026-04-01"),
    field(
        "conditions_claimed",
        Kind::List(&Kind::Choice(&["alternative-provision", "new-treatments", "efficiency"])),
        "Which bed-test conditions the scheme claims to meet.",
        "[\"alternative-provision\"]",
    ),
    field(
        "alternative_provision",
        Kind::Table(&[
            field("description", TEXT, "The new capacity (community beds, virtual ward places, GP appointments).", "\"40 virtual ward places and 20 community beds\""),
            field("places", COUNT, "Places or beds of alternative capacity.", "60"),
            field("go_live", DATE, "Date the alternative capacity is (or will be) running.", "2026-01-05"),
            field("workforce_plan", TEXT, "How the alternative provision will be staffed.", "\"32 WTE, 20 in post.\""),
            field("staff_in_post_percent", PERCENT, "Share of its staff already in post, percent.", "62"),
        ]),
        "Bed-test condition 1: alternative provision in place alongside or ahead of the closures.",
        "go_live = 2026-01-05",
    ),
    field(
        "new_treatments",
        Kind::Table(&[
            field("intervention", TEXT, "The new treatment or therapy.", "\"Same-day emergency care for frailty\""),
            field("admission_categories", TEXTS, "Categories of admission it reduces.", "[\"falls without fracture\"]"),
            field("expected_reduction", COUNT, "Admissions avoided a year.", "900"),
            field("evidence", TEXT, "Evidence for the reduction.", "\"Pilot at Kingsmere, 2024.\""),
        ]),
        "Bed-test condition 2: new treatments that reduce specific admissions.",
        "intervention = \"…\"",
    ),
    field(
        "efficiency",
        Kind::Table(&[
            field("length_of_stay_days", AMOUNT, "Average length of stay now, in days.", "6.1"),
            field("national_average_days", AMOUNT, "National average for comparison, in days.", "4.8"),
            field("benchmark_source", TEXT, "Where the benchmark comes from (e.g. Model Hospital, GIRFT).", "\"Model Hospital, 2024/25 Q2\""),
            field("improvement_plan", TEXT, "The plan to reach the benchmark.", "\"GIRFT-led discharge programme\""),
            field("quality_safeguards", TEXT, "How care is protected while beds reduce.", "\"Monthly harm review; stop if readmissions rise.\""),
        ]),
        "Bed-test condition 3: beds used less efficiently than the national average, with a credible plan.",
        "length_of_stay_days = 6.1",
    ),
    field("demand_projection_years", COUNT, "Years ahead that bed demand is projected.", "10"),
    field("demand_growth_percent", Kind::Number { min: -100.0, max: 1000.0 }, "Projected growth in demand over that period, percent.", "12"),
    field("target_occupancy_percent", PERCENT, "Occupancy the bed model assumes, percent.", "85"),
    field("sensitivity_analysis", TEXT, "How the bed model behaves under other assumptions, including winter.", "\"At 92% occupancy, 14 more beds needed.\""),
];

const PATIENT_CHOICE: &[Field] = &[
    field("analysis", Kind::Table(PUBLICATION), "Analysis of the effect on patient choice.", "date = 2024-08-01"),
    field("providers_before", COUNT, "Providers or sites patients can choose from now.", "6"),
    field("providers_after", COUNT, "Providers or sites to choose from after the change.", "3"),
    field("cross_boundary_flows", TEXT, "Effect on patients who use services across boundaries.", "\"2% of patients use units outside the area.\""),
    field("alternatives", TEXTS, "Alternatives offered (other settings, digital options).", "[\"choice of two HASUs for border areas\"]"),
];

const COMMISSIONER_SUPPORT: &[Field] = &[
    field("clinical_support_letters", COUNT, "Letters of support from clinical leaders or primary care.", "4"),
    field("primary_care_view", TEXT, "The view of local GPs and primary care networks.", "\"Primary care networks support the model.\""),
];

const SECRETARY_OF_STATE: &[Field] = &[
    field("notified", DATE, "Date the Secretary of State was notified of the reconfiguration.", "2025-01-08"),
    field("form_reference", TEXT, "Reference of the notification form.", "\"DHSC-NR-2025-014\""),
    field("scrutiny_view_included", BOOL, "Whether the notification stated the scrutiny committee's view.", "true"),
    field("transitional_exemption", BOOL, "Superseded: the exemption now follows from `scrutiny.consultation_start` before 31 January 2024. The sponsor's statement that regulation 23 consultation began before then; no longer read.", "false"),
];

const INTERDEPENDENCIES: &[Field] = &[
    field("assessment", Kind::Table(PUBLICATION), "The interdependency assessment (effects on other services and providers).", "date = 2024-06-01"),
    field("other_providers", TEXT, "Effect on neighbouring providers and systems.", "\"Westford A&E takes about 8% more attendances.\""),
    field("letters", TEXTS, "Letters from neighbouring trusts and the ambulance trust.", "[\"Westford Hospitals NHS Trust, May 2025\"]"),
];

const HEALTHWATCH: &[Field] = &[
    field("name", TEXT, "The local Healthwatch.", "\"Healthwatch Eastdale\""),
    field("involved_in_design", BOOL, "Whether Healthwatch helped design the engagement.", "true"),
    field("on_programme_board", BOOL, "Whether Healthwatch has a seat on the programme board.", "true"),
    field("response", TEXT, "Healthwatch's report or formal response.", "\"Supports, with concerns about transport.\""),
    field("response_date", DATE, "Date of the response.", "2025-03-20"),
    field("response_considered", TEXT, "How the response was considered.", "\"Transport scheme added; see DMBC section 6.\""),
];

const IRP_ADVICE: &[Field] = &[
    field("sought", DATE, "Date informal advice was sought.", "2024-02-01"),
    field("reply", DATE, "Date of the panel's reply.", "2024-03-01"),
    field("reflected", TEXT, "How the advice was reflected.", "\"Options appraisal reopened to include a two-site option.\""),
];

const URGENT_CHANGE: &[Field] = &[
    field("date", DATE, "Date the temporary change took effect.", "2024-10-01"),
    field("risk_evidence", TEXT, "The risk to the safety or welfare of patients or staff that made it urgent.", "\"Two of five middle-grade doctors left; rota unsafe.\""),
    field("reasons_given", DATE, "Date the reasons were given to the local authority.", "2024-10-01"),
    field("review_date", DATE, "Date the temporary change will be reviewed.", "2025-04-01"),
    field("exit_plan", TEXT, "The plan to reverse the change, or to make it permanent through the proper route.", "\"Consult on permanent options by spring 2025.\""),
    field("reason", Kind::Choice(&["safety", "welfare"]), "Whether the risk was to the safety or to the welfare of patients or staff.", "\"safety\""),
    field("planned_end", DATE, "Date the temporary change was planned to end (by reversal or a decision on a permanent change).", "2025-04-01"),
];

const CALL_IN_REQUESTS: &[Field] = &[
    required("date", DATE, "Date the request was made.", "2025-08-01"),
    field("requester", TEXT, "Who asked.", "\"Save Hollinbrook A&E campaign\""),
    field("ground", TEXT, "The ground given.", "\"process: consultation too short\""),
];

const CALL_IN: &[Field] = &[
    field("local_resolution_log", TEXT, "Log of concerns raised and the steps taken to resolve them locally.", "\"Concerns log, 14 entries, all answered\""),
    field("information_pack", BOOL, "Whether the information the Secretary of State may ask for is assembled.", "true"),
    field("requests", Kind::Tables(CALL_IN_REQUESTS), "Call-in requests received.", "date = 2025-08-01"),
];

const IMPLEMENTATION: &[Field] = &[
    field("plan", Kind::Table(PUBLICATION), "The implementation plan.", "date = 2025-09-01"),
    field("phases", TEXTS, "Phases, in order.", "[\"two HASUs open\", \"third HASU after new build\"]"),
    field("conditions", TEXTS, "Conditions that must hold before each phase goes ahead.", "[\"neighbouring A&Es meet the four-hour standard\"]"),
    field("irreversible_steps", TEXT, "Irreversible steps, and how they are held while a legal challenge is possible.", "\"No demolition until the challenge window closes.\""),
    field("contingency", TEXT, "What happens if a condition is not met.", "\"Phase 2 paused; beds kept open.\""),
    field("go_live", DATE, "Date the change goes live (its first phase).", "2026-04-01"),
    field("first_irreversible_step", DATE, "Date of the first step that cannot be undone (a contract signed, a building demolished, staff redeployed).", "2026-09-01"),
];

const MEASURES: &[Field] = &[
    required("name", TEXT, "What is measured.", "\"thrombolysis rate\""),
    field("baseline", MONEY, "Value now.", "8"),
    field("baseline_date", DATE, "Date of the baseline.", "2024-03-31"),
    field("target", MONEY, "Value aimed for.", "12"),
    field("unit", TEXT, "Unit of the values.", "\"percent of stroke admissions\""),
    field("kind", Kind::Choice(&["outcome", "experience", "process", "finance", "workforce"]), "Kind of measure.", "\"outcome\""),
];

const EVALUATION: &[Field] = &[
    field("owner", TEXT, "Who owns the evaluation.", "\"ICB director of strategy\""),
    field("evaluator", TEXT, "Who carries out the evaluation.", "\"University of Northmoor\""),
    field("method", TEXT, "How it will be done.", "\"Interrupted time series against regional comparators\""),
    field("logic_model", BOOL, "Whether a logic model has been agreed.", "true"),
    field("budget", AMOUNT, "Evaluation budget, in £ thousand.", "120"),
    field("publish", BOOL, "Whether the results will be published.", "true"),
    field("checkpoints", DATES, "Dates of evaluation checkpoints.", "[2027-04-01, 2028-04-01]"),
    field("measures", Kind::Tables(MEASURES), "Measures with baselines and targets.", "name = \"…\""),
];

const RISKS: &[Field] = &[
    required("description", TEXT, "The risk.", "\"Ambulance handover delays at receiving units\""),
    field("sector", Kind::Choice(&["nhs", "social-care", "public-health", "voluntary", "system"]), "Sector that bears it.", "\"nhs\""),
    field("organisation", TEXT, "Organisation that bears it.", "\"Northmoor Ambulance Service\""),
    field("mitigation", TEXT, "How it is mitigated.", "\"Handover standard in the contract\""),
    field("owner", TEXT, "Who owns it.", "\"Director of operations\""),
];

const ATTESTATIONS: &[Field] = &[
    required("criterion", TEXT, "Id of the criterion that needs judgement.", "\"LGA-4.3\""),
    required("by", TEXT, "Name of the person attesting.", "\"Jane Okafor\""),
    required("role", TEXT, "Their role.", "\"Programme director\""),
    required("date", DATE, "Date of the judgement.", "2024-11-01"),
    required("verdict", Kind::Choice(&["met", "partly-met", "not-met"]), "Their verdict.", "\"met\""),
    required("rationale", TEXT, "Why, with the evidence relied on.", "\"All partners signed the shared vision in May 2024.\""),
];

const WAIVERS: &[Field] = &[
    required("criterion", TEXT, "Id of the criterion waived.", "\"NHSE-T4\""),
    required("kind", Kind::Choice(&["not-applicable", "accepted"]), "`not-applicable`: the criterion does not apply to this scheme (left out of the score); `accepted`: the gap is accepted as not met (still scored as not met, but no longer fails the run or blocks a gate).", "\"not-applicable\""),
    required("reason", TEXT, "Why, in words a reviewer can check. Must not be empty.", "\"No capital is sought, so the capital business case test does not arise.\""),
    required("agreed_by", TEXT, "Who agreed the waiver (a person, board or committee).", "\"Programme board\""),
    required("date", DATE, "Date the waiver was agreed.", "2024-10-02"),
    field("reference", TEXT, "The decision's reference, such as a board minute.", "\"PB/2024/41\""),
    field("expires", DATE, "Last date the waiver counts (inclusive), judged against `as_of`. After it the waiver is reported as expired and the criterion is assessed again.", "2025-03-31"),
    field("legal_duty_acknowledged", BOOL, "Must be true to waive a blocker that is a legal duty: confirms the decision was taken knowing the duty is statutory (the report says so prominently).", "true"),
];

/// The whole scheme file format.
/// Fields of `format_version = 1` whose meaning has moved: still accepted,
/// and a report that meets one says what now decides in its place.
pub static SUPERSEDED: &[(&str, &str)] = &[
    (
        "scheme.notifiable",
        "`scheme.notifiable` is no longer read: notification follows from regulation 23 applying (the sponsor's or any council's view that the change is substantial)",
    ),
    (
        "secretary_of_state.transitional_exemption",
        "`secretary_of_state.transitional_exemption` is no longer read: the exemption follows from `scrutiny.consultation_start` (or `consultation.start`) before 31 January 2024",
    ),
    (
        "travel.within_30_minutes_before",
        "`travel.within_30_minutes_before` is no longer read: record `travel.within_standard_before` with the service's own `travel.standard` and `standard_minutes`",
    ),
    (
        "travel.within_30_minutes_after",
        "`travel.within_30_minutes_after` is no longer read: record `travel.within_standard_after` with the service's own `travel.standard` and `standard_minutes`",
    ),
];

pub static SCHEME_FORMAT: &[Field] = &[
    required("format_version", Kind::Integer { min: FORMAT_VERSION, max: FORMAT_VERSION }, "Version of the scheme file format. Always 1.", "1"),
    required("as_of", Kind::Date, "Date the file describes the scheme as at. Dates before it are past (done); later dates are planned.", "2024-11-15"),
    required("stage", Kind::Choice(Stage::CODES), "Lifecycle stage the scheme is in. Its gate is the next gate; criteria needed by it or earlier are due.", "\"pcbc\""),
    required("scheme", Kind::Table(SCHEME), "Identity and scope of the scheme.", "name = \"…\""),
    field("sites", Kind::Tables(SITES), "Sites affected, one table each.", "name = \"…\""),
    field("commissioners", Kind::Tables(COMMISSIONERS), "Commissioners of the affected services, and their support.", "name = \"…\""),
    field("local_authorities", Kind::Tables(LOCAL_AUTHORITIES), "Local authorities whose areas are affected.", "name = \"…\""),
    field("case_for_change", Kind::Table(CASE_FOR_CHANGE), "The case for change.", "drivers = [\"…\"]"),
    field("clinical_model", Kind::Table(CLINICAL_MODEL), "The proposed clinical model and its evidence.", "summary = \"…\""),
    field("options", Kind::Table(OPTIONS), "The options appraisal.", "long_list = 14"),
    field("programme", Kind::Table(PROGRAMME), "Programme leadership and structures.", "senior_responsible_officer = \"…\""),
    field("engagement", Kind::Table(ENGAGEMENT), "Engagement before consultation, and standing engagement structures.", "first_public_engagement = 2023-11-01"),
    field("consultation", Kind::Table(CONSULTATION), "Public consultation.", "start = 2025-01-06"),
    field("scrutiny", Kind::Table(SCRUTINY), "Consultation of health scrutiny committees (regulation 23).", "[[scrutiny.committees]]"),
    field("health_and_wellbeing_boards", Kind::Tables(HWBS), "Health and Wellbeing Boards that considered the proposal.", "name = \"…\""),
    field("assurance", Kind::Table(ASSURANCE), "NHS England assurance steps, business cases and the decision.", "[assurance.stage2]"),
    field("finance", Kind::Table(FINANCE), "Revenue, capital and value for money.", "capital_required = false"),
    field("workforce", Kind::Table(WORKFORCE), "The workforce model.", "vacancy_rate = 14.5"),
    field("travel", Kind::Table(TRAVEL), "Travel and access impact.", "modes = [\"blue-light\"]"),
    field("impact_assessments", Kind::Table(IMPACT_ASSESSMENTS), "Equality, health inequalities, quality and integrated impact assessments.", "[impact_assessments.equality]"),
    field("beds", Kind::Table(BEDS), "Bed numbers, the bed test and the bed model.", "baseline = 400"),
    field("patient_choice", Kind::Table(PATIENT_CHOICE), "Effect on patient choice.", "providers_before = 6"),
    field("commissioner_support", Kind::Table(COMMISSIONER_SUPPORT), "Support for the proposal beyond commissioners' board resolutions.", "clinical_support_letters = 4"),
    field("secretary_of_state", Kind::Table(SECRETARY_OF_STATE), "Notification of the Secretary of State (NHS Act 2006 Schedule 10A).", "notified = 2025-01-08"),
    field("interdependencies", Kind::Table(INTERDEPENDENCIES), "Effects on other providers and services.", "other_providers = \"…\""),
    field("healthwatch", Kind::Table(HEALTHWATCH), "Local Healthwatch's part in the scheme.", "name = \"Healthwatch Eastdale\""),
    field("irp_advice", Kind::Table(IRP_ADVICE), "Informal advice sought from the Independent Reconfiguration Panel.", "sought = 2024-02-01"),
    field("urgent_change", Kind::Table(URGENT_CHANGE), "A temporary change made urgently for safety or welfare, without prior consultation of the authority.", "date = 2024-10-01"),
    field("call_in", Kind::Table(CALL_IN), "Readiness for a Secretary of State call-in: local resolution and requests received.", "local_resolution_log = \"…\""),
    field("implementation", Kind::Table(IMPLEMENTATION), "The implementation plan.", "go_live = 2026-04-01"),
    field("evaluation", Kind::Table(EVALUATION), "The evaluation plan.", "owner = \"…\""),
    field("risks", Kind::Tables(RISKS), "Risks across the system and to each sector and organisation.", "description = \"…\""),
    field("attestations", Kind::Tables(ATTESTATIONS), "Judgements by named people on criteria that data cannot decide.", "criterion = \"LGA-4.3\""),
    field("waivers", Kind::Tables(WAIVERS), "Recorded decisions that a criterion does not apply to this scheme, or that its gap is accepted.", "criterion = \"NHSE-T4\""),
    field("checklists", TEXTS, "Your organisation's own checklist files to score this scheme against as well as the built-in ones, relative to this file.", "[\"checklists/our-icb.toml\"]"),
];
