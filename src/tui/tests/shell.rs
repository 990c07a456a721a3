//! The shell's own pieces: role names, and saving against the file on disk.

use crate::tui::*;

#[test]
fn roles_are_two_names() {
    let roles = parse_roles("Dana (CEO), Sam (CMO)").unwrap();
    assert_eq!(roles, ["Dana (CEO)".to_string(), "Sam (CMO)".to_string()]);
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
fn saving_as_a_folder_says_it_is_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let request = SaveRequest {
        path: dir.path().to_path_buf(),
        text: "ours".into(),
        expect: Expect::Nothing,
        session_log: "log\n".into(),
    };
    let said = save(&request);
    let [Msg::SaveFailed(message)] = &said[..] else {
        panic!("a failed save: {said:?}");
    };
    assert_eq!(
        message,
        &format!("{}: is a folder, not a file", dir.path().display())
    );
}
