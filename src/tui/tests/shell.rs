//! The shell's own pieces: role names, and saving against the file on disk.

use crate::tui::*;

#[test]
fn roles_are_two_names() {
    let roles = parse_roles("Dana (CEO), Sam (CMO)").unwrap();
    assert_eq!(roles, ["Dana (CEO)".to_string(), "Sam (CMO)".to_string()]);
    assert_eq!(parse_roles(DEFAULT_ROLES), Ok(default_roles()));
    assert!(parse_roles("one").is_err());
    assert!(parse_roles("a,b,c").is_err());
    assert!(parse_roles("a,").is_err());
}

#[test]
fn a_save_refuses_to_clobber_a_changed_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    fs::write(&path, "changed by someone else").unwrap();
    let request = SaveRequest {
        path: path.clone(),
        text: "ours".into(),
        expect: Expect::Text("what we opened".into()),
        session_log: "log\n".into(),
    };
    assert!(matches!(save(&request)[..], [Msg::SaveConflict { .. }]));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "changed by someone else"
    );
    let forced = SaveRequest {
        expect: Expect::Anything,
        ..request
    };
    assert!(matches!(save(&forced)[..], [Msg::Saved { .. }]));
    assert_eq!(fs::read_to_string(&path).unwrap(), "ours");
    assert_eq!(
        fs::read_to_string(session_log_path(&path)).unwrap(),
        "log\n"
    );
}

#[test]
fn a_save_whose_session_log_cannot_be_appended_writes_the_file_and_says_why_not_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    // A folder where the log should be: appending to it fails, even for root.
    fs::create_dir(session_log_path(&path)).unwrap();
    let said = save(&SaveRequest {
        path: path.clone(),
        text: "ours".into(),
        expect: Expect::Nothing,
        session_log: "log\n".into(),
    });
    let [
        Msg::Saved {
            log_failed: Some(why),
            ..
        },
    ] = &said[..]
    else {
        panic!("a save whose log failed: {said:?}");
    };
    assert!(why.contains("folder"), "{why}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "ours");
}

#[test]
fn saving_as_a_folder_says_it_is_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let request = SaveRequest {
        path: dir.path().to_path_buf(),
        text: "ours".into(),
        expect: Expect::Nothing,
        session_log: "log\n".into(),
    };
    let said = save(&request);
    let [Msg::SaveFailed { error: message, .. }] = &said[..] else {
        panic!("a failed save: {said:?}");
    };
    assert_eq!(
        message,
        &format!(
            "{}: found a folder, expected a file to write",
            dir.path().display()
        )
    );
}

#[test]
fn a_save_to_a_file_deleted_since_it_was_read_writes_it_again_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q1.toml");
    let request = SaveRequest {
        path: path.clone(),
        text: "ours".into(),
        expect: Expect::Text("what we opened".into()),
        session_log: String::new(),
    };
    let said = save(&request);
    assert!(
        matches!(
            &said[..],
            [Msg::Saved {
                recreated: true,
                ..
            }]
        ),
        "{said:?}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "ours");
    let again = save(&SaveRequest {
        expect: Expect::Text("ours".into()),
        ..request.clone()
    });
    assert!(
        matches!(
            &again[..],
            [Msg::Saved {
                recreated: false,
                ..
            }]
        ),
        "the file is there now: {again:?}"
    );
    fs::remove_file(&path).unwrap();
    let new_name = save(&SaveRequest {
        expect: Expect::Nothing,
        ..request
    });
    assert!(
        matches!(
            &new_name[..],
            [Msg::Saved {
                recreated: false,
                ..
            }]
        ),
        "a new name is expected not to be there: {new_name:?}"
    );
}

#[test]
fn a_save_under_a_relative_name_says_its_full_path() {
    let dir = tempfile::tempdir().unwrap();
    // The temporary folder, named relative to the folder the tests run in.
    let here = std::env::current_dir().unwrap();
    let up = "../".repeat(here.components().count() - 1);
    let relative =
        PathBuf::from(up).join(dir.path().strip_prefix("/").unwrap().join("plan-2.toml"));
    assert!(relative.is_relative());
    let said = save(&SaveRequest {
        path: relative.clone(),
        text: "ours".into(),
        expect: Expect::Nothing,
        session_log: String::new(),
    });
    let [
        Msg::Saved {
            path, full_path, ..
        },
    ] = &said[..]
    else {
        panic!("a save: {said:?}");
    };
    assert_eq!(path, &relative, "the session keeps the name as typed");
    assert_eq!(full_path, &here.join(&relative));
    assert_eq!(
        fs::read_to_string(dir.path().join("plan-2.toml")).unwrap(),
        "ours"
    );
}
