//! The session driven by random keys, pastes and resizes, with a shell that answers its saves
//! (written, refused, or found changed on disk), its exports and its computations (at once,
//! or a key late, as a busy worker's arrive): nothing a meeting types makes it panic, every
//! screen it is in draws at every size, and what it says it saved is what the shell wrote.

use std::path::PathBuf;

use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::common::{screen, session_on, worker_answers, written};
use crate::tui::app::{App, Effect, Msg, key};
use skypie::scenario::BUILT_IN;

/// What a meeting types: the keys every mode reads, characters values and names are made
/// of, pastes (a value, a table, lines, nonsense) and the window resized.
fn a_message() -> impl Strategy<Value = Msg> {
    let chars: Vec<char> = "0123456789.%kMB -+{}=\",tosSetrcbudynmlkj?/wxz€$−"
        .chars()
        .collect();
    let plain = prop::sample::select(vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Backspace,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Delete,
    ]);
    prop_oneof![
        24 => prop::sample::select(chars).prop_map(|c| key(KeyCode::Char(c))),
        16 => plain.prop_map(key),
        4 => prop::sample::select(vec![KeyCode::Left, KeyCode::Right])
            .prop_map(|code| Msg::Key(KeyEvent::new(code, KeyModifiers::SHIFT))),
        4 => prop::sample::select(vec!['r', 'u', 'w', 'z'])
            .prop_map(|c| Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))),
        4 => prop::sample::select(vec![
            "35M to 70M",
            "{ dist = \"normal\", mean = \"5%\", sd = \"2%\" }",
            "1.5M\tto 2M",
            "line one\nline two",
            "−5%",
            "{ dist = \"lognormal\", mu = \"50M\", sigma = 0.2 }",
            "",
        ])
        .prop_map(|text| Msg::Paste(text.to_string())),
        4 => prop::sample::select(vec![(80, 24), (120, 40), (40, 12), (20, 6), (100, 30)])
            .prop_map(|(width, height)| Msg::Resize { width, height }),
        // Quitting ends the case: rarely, so that most cases run long.
        1 => prop::sample::select(vec![
            key(KeyCode::Char('q')),
            Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        ]),
    ]
}

/// How the shell answers a save.
#[derive(Debug, Clone, Copy)]
enum SaveOutcome {
    Written,
    Failed,
    /// A colleague saved the plan with another target meanwhile.
    ChangedOnDisk,
}

fn a_save_outcome() -> impl Strategy<Value = SaveOutcome> {
    prop_oneof![
        4 => Just(SaveOutcome::Written),
        1 => Just(SaveOutcome::Failed),
        1 => Just(SaveOutcome::ChangedOnDisk),
    ]
}

/// The shell and the worker around one session: the plan on "disk", and the computations
/// held back a message (a worker answering late, after the next key).
struct Shell {
    disk: String,
    /// Whether a colleague saved the plan meanwhile: what is on disk is then theirs, or
    /// theirs merged, as the session's answers chose.
    colleague: bool,
    late: Vec<Msg>,
    ended: bool,
}

impl Shell {
    /// Carries out `effects`: computations at once or a message late (`late`), saves as
    /// `outcome` says.
    fn carry_out(&mut self, app: &mut App, effects: Vec<Effect>, late: bool, outcome: SaveOutcome) {
        let mut answers = Vec::new();
        for effect in effects {
            match effect {
                Effect::Compute {
                    generation,
                    scenario,
                } => {
                    let (headline, panels) = worker_answers(generation, &scenario);
                    if late {
                        self.late.extend([headline, panels]);
                    } else {
                        answers.extend([headline, panels]);
                    }
                }
                Effect::Save(request) => answers.push(match outcome {
                    SaveOutcome::Written => {
                        self.disk = request.text.clone();
                        written(request.path, &request.text)
                    }
                    SaveOutcome::Failed => Msg::SaveFailed {
                        path: request.path.clone(),
                        error: format!(
                            "{}: cannot write: Permission denied",
                            request.path.display()
                        ),
                    },
                    SaveOutcome::ChangedOnDisk => {
                        self.colleague = true;
                        self.disk = self.disk.replace("revenue = \"3M\"", "revenue = \"3.3M\"");
                        Msg::SaveConflict {
                            path: request.path,
                            on_disk: self.disk.clone(),
                            relinked: None,
                        }
                    }
                }),
                Effect::Export(files) => answers.push(Msg::Exported {
                    paths: files
                        .into_iter()
                        .map(|(path, _)| path)
                        .collect::<Vec<PathBuf>>(),
                    plan_changed: None,
                }),
                Effect::PlanRead | Effect::RecoveryTaken { .. } => {}
                Effect::Quit => self.ended = true,
            }
        }
        for answer in answers {
            if self.ended {
                return;
            }
            let effects = app.handle(answer);
            self.carry_out(app, effects, false, SaveOutcome::Written);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn whatever_a_meeting_types_the_session_answers_and_draws(
        steps in prop::collection::vec((a_message(), any::<bool>(), a_save_outcome()), 1..120),
        opened in any::<bool>(),
    ) {
        let text = BUILT_IN.replace("samples = 100000", "samples = 500");
        let file = opened.then_some("plan.toml");
        let mut app = session_on(&text, file);
        let mut shell = Shell { disk: text.clone(), colleague: false, late: Vec::new(), ended: false };
        let sizes = [(80, 24), (120, 40), (33, 11)];
        for (i, (msg, late, outcome)) in steps.into_iter().enumerate() {
            // What a late worker held back arrives before the next key.
            for answer in std::mem::take(&mut shell.late) {
                let effects = app.handle(answer);
                shell.carry_out(&mut app, effects, false, outcome);
            }
            if shell.ended {
                break;
            }
            let effects = app.handle(msg);
            shell.carry_out(&mut app, effects, late, outcome);
            if shell.ended {
                break;
            }
            let (width, height) = sizes[i % sizes.len()];
            screen(&app, width, height);
            // Every row of the log says what it is of.
            prop_assert!(app.log.iter().all(|e| !e.input.trim().is_empty()));
        }
        // The meeting ends with a save: whatever is open closed (Esc), then `s`.
        if !shell.ended {
            for msg in [key(KeyCode::Esc), key(KeyCode::Esc), key(KeyCode::Esc), key(KeyCode::Char('s'))] {
                for answer in std::mem::take(&mut shell.late) {
                    let effects = app.handle(answer);
                    shell.carry_out(&mut app, effects, false, SaveOutcome::Written);
                }
                let effects = app.handle(msg);
                shell.carry_out(&mut app, effects, false, SaveOutcome::Written);
            }
        }
        // With nothing unsaved, and no colleague's save to weigh, the plan on disk is the
        // session's: it reads back to the same values, every input and correlation ("saved"
        // said over a file that held another plan would lose the meeting's work).
        if opened && !shell.ended && !shell.colleague && !app.is_dirty() {
            let on_disk = skypie::Scenario::parse(&shell.disk, "plan.toml");
            prop_assert!(on_disk.is_ok(), "{:?}", on_disk.err());
            let on_disk = on_disk.expect("checked");
            for field in skypie::scenario::field::Field::ALL {
                prop_assert_eq!(on_disk.value(field), app.scenario.value(field), "{:?}", field);
            }
            prop_assert_eq!(&on_disk.correlations, &app.scenario.correlations);
        }
    }
}
