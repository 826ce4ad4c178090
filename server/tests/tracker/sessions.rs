//! Signing in through the server functions, sessions kept in the database, and the browser's
//! write (reporting progress) allowed or refused for each role.

use axum::http::StatusCode;

use crate::common::{
    self,
    http::{app_for, form_action, get, get_with, post_form, sign_in},
};
use crate::world::{self, PASSWORD};

#[tokio::test]
async fn a_session_lives_in_the_database_and_ends_at_sign_out() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        world::build(db).await;
        let app = app_for(db);
        assert!(sign_in(&app, "health@ken.example.org", "wrong password!!")
            .await
            .is_none());
        let cookie = sign_in(&app, "health@ken.example.org", PASSWORD)
            .await
            .expect("signed in");
        assert!(cookie.starts_with("nap_session="), "{cookie}");

        // A new server (same database) knows the session: it survives a restart.
        let restarted = app_for(db);
        let my = get_with(&restarted, "/my", &cookie).await;
        assert!(my.body.contains("health@ken.example.org"), "{}", my.body);

        let action = form_action(&my.body, "/api/sign_out");
        post_form(&restarted, &action, Some(&cookie), "").await;
        let after = get_with(&restarted, "/my", &cookie).await;
        assert!(!after.body.contains("health@ken.example.org"));
        assert!(after.body.contains("to see the commitments you report on"));
        test_db.finish().await;
    }
}

/// The browser's progress form, posted by each role: allowed or refused by the server.
#[tokio::test]
async fn permission_matrix_of_the_progress_form() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, _) = w.commitment(db, "C-01").await;
        let app = app_for(db);
        let focal = sign_in(&app, "health@ken.example.org", PASSWORD)
            .await
            .expect("signed in");
        let form_page = get_with(&app, &format!("/commitments/{id}/report"), &focal).await;
        let action = form_action(&form_page.body, "/api/report_progress");

        let anonymous = post_form(
            &app,
            &action,
            None,
            &format!("id={id}&form[version]=1&form[status]=limited"),
        )
        .await;
        assert!(
            anonymous.body.contains("Please sign in"),
            "{}",
            anonymous.body
        );

        let people = [
            ("admin@un.example.org", false),
            ("coordinator@ken.example.org", true),
            ("coordinator@fin.example.org", false),
            ("health@ken.example.org", true),
            ("education@ken.example.org", false),
            ("reviewer@un.example.org", false),
        ];
        let mut version = 1;
        for (email, allowed) in people {
            let cookie = sign_in(&app, email, PASSWORD).await.expect("signed in");
            let reply = post_form(
                &app,
                &action,
                Some(&cookie),
                &format!("id={id}&form[version]={version}&form[status]=limited"),
            )
            .await;
            if allowed {
                assert_eq!(reply.status, StatusCode::OK, "{email}: {}", reply.body);
                version += 1;
            } else {
                assert!(
                    reply.body.contains("may not report progress"),
                    "{email}: {}",
                    reply.body
                );
            }
            let page = get_with(&app, &format!("/commitments/{id}/report"), &cookie).await;
            assert_eq!(
                page.body.contains("Save the update"),
                allowed,
                "{email} sees the form only if allowed"
            );
        }
        // A save from an outdated form is refused with the reason.
        let stale = post_form(
            &app,
            &action,
            Some(&focal),
            &format!("id={id}&form[version]=1&form[status]=complete"),
        )
        .await;
        assert!(
            stale.body.contains("someone else changed commitment"),
            "{}",
            stale.body
        );
        test_db.finish().await;
    }
}

/// The coordinator's plan page: adding a ministry and publishing the plan, refused to others.
#[tokio::test]
async fn the_coordinator_publishes_the_plan_and_adds_ministries_others_cannot() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        w.commitment(db, "C-01").await;
        let app = app_for(db);
        let coordinator = sign_in(&app, "coordinator@ken.example.org", PASSWORD)
            .await
            .expect("signed in");
        let page = get_with(&app, "/countries/KEN/plan", &coordinator).await;
        assert!(
            page.body.contains("Kenya: action plans and ministries"),
            "{}",
            page.body
        );
        let save_plan = form_action(&page.body, "/api/save_plan");
        let add_owner = form_action(&page.body, "/api/add_owner");
        let publish = format!(
            "iso3=KEN&plan_id={}&title=National+Action+Plan&period_start=2026-01-01&period_end=2030-12-31&published=yes",
            w.plan_id
        );

        for email in [
            "health@ken.example.org",
            "coordinator@fin.example.org",
            "admin@un.example.org",
        ] {
            let cookie = sign_in(&app, email, PASSWORD).await.expect("signed in");
            let refused = post_form(&app, &save_plan, Some(&cookie), &publish).await;
            assert!(
                refused.body.contains("only the country's coordinator"),
                "{email}: {}",
                refused.body
            );
            let refused = post_form(
                &app,
                &add_owner,
                Some(&cookie),
                "iso3=KEN&code=MOL&name=Labour",
            )
            .await;
            assert!(
                refused.body.contains("only the coordinator of KEN"),
                "{email}: {}",
                refused.body
            );
        }
        assert!(!get(&app, "/countries/KEN")
            .await
            .body
            .contains("National Action Plan"));

        let saved = post_form(&app, &save_plan, Some(&coordinator), &publish).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let added = post_form(
            &app,
            &add_owner,
            Some(&coordinator),
            "iso3=KEN&code=mol&name=Ministry+of+Labour",
        )
        .await;
        assert_eq!(added.status, StatusCode::OK, "{}", added.body);
        let duplicate = post_form(
            &app,
            &add_owner,
            Some(&coordinator),
            "iso3=KEN&code=MOL&name=Again",
        )
        .await;
        assert!(
            duplicate
                .body
                .contains("KEN already has an owner with the code MOL"),
            "{}",
            duplicate.body
        );

        let public = get(&app, "/countries/KEN").await;
        assert!(
            public.body.contains("National Action Plan"),
            "published plans are public"
        );
        assert!(get_with(&app, "/countries/KEN/plan", &coordinator)
            .await
            .body
            .contains("Ministry of Labour"));
        test_db.finish().await;
    }
}

/// The commitment form keeps every target field through a change: baseline date and the
/// dimensions the indicator is broken down by are shown ticked and saved as sent.
#[tokio::test]
async fn the_commitment_form_keeps_baseline_dates_and_disaggregation() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, target_id) = w.commitment(db, "C-01").await;
        let app = app_for(db);
        let coordinator = sign_in(&app, "coordinator@ken.example.org", PASSWORD)
            .await
            .expect("signed in");
        let page = get_with(&app, &format!("/commitments/{id}/edit"), &coordinator).await;
        let checkbox = |dimension: &str| {
            let start = page
                .body
                .find(&format!("id=\"target-0-by-{dimension}\""))
                .expect("a checkbox per dimension");
            let end = page.body[start..].find('>').expect("end of the tag") + start;
            page.body[start..end].contains("checked")
        };
        assert!(checkbox("sex") && checkbox("location"));
        assert!(!checkbox("age") && !checkbox("group"));
        assert!(
            page.body.contains("value=\"2025-12-31\""),
            "baseline date shown"
        );

        let save = form_action(&page.body, "/api/save_commitment");
        let t = "form[targets][0]";
        let form = format!(
            "plan_id={plan}&commitment_id={id}&version=1&form[reference]=C-01\
             &form[title]=Health+insurance+for+all+informal+workers&form[description]=\
             &form[recommendations][0]=SPR-2&form[lead_owner]=MOH\
             &form[start_date]=2026-01-01&form[end_date]=2027-06-30\
             &{t}[id]={target_id}&{t}[indicator]=Informal+workers+insured&{t}[unit]=%25\
             &{t}[baseline_value]=12&{t}[baseline_date]=2025-12-31&{t}[target_value]=40\
             &{t}[target_date]=2027-06-30&{t}[disaggregation][0]=sex&{t}[disaggregation][3]=group",
            plan = w.plan_id
        );
        let saved = post_form(&app, &save, Some(&coordinator), &form).await;
        assert!(
            saved.status.is_success() || saved.status.is_redirection(),
            "{}: {}",
            saved.status,
            saved.body
        );
        let detail =
            app::plans::store::commitment_detail(db, id, Some(&w.coordinator), world::today())
                .await
                .expect("read")
                .expect("the coordinator reads the draft");
        let target = &detail.commitment.targets[0];
        assert_eq!(
            detail.commitment.title,
            "Health insurance for all informal workers"
        );
        assert_eq!(target.disaggregation, ["sex", "group"]);
        assert_eq!(
            target.baseline_date.map(|d| d.to_string()).as_deref(),
            Some("2025-12-31")
        );
        test_db.finish().await;
    }
}
