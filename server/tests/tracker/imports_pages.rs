//! The import pages in the browser's place: template download, upload form, preview with an
//! error, the fixed file committed from its preview, and someone else's import kept out.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;

use crate::common::{
    self,
    http::{app_for, form_action, get_with, post_form, send, sign_in, Reply},
};
use crate::sheets;
use crate::world::{self, PASSWORD};

/// Sends the import page's upload form: the owner and the file.
async fn upload(app: &Router, cookie: &str, owner: &str, file_name: &str, bytes: &[u8]) -> Reply {
    upload_with(app, cookie, owner, file_name, bytes, None).await
}

/// Sends the upload form with an extra header, as the page's script does.
async fn upload_with(
    app: &Router,
    cookie: &str,
    owner: &str,
    file_name: &str,
    bytes: &[u8],
    extra: Option<(&str, &str)>,
) -> Reply {
    let boundary = "nap-tracker-form-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"owner\"\r\n\r\n{owner}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut request = Request::post("/import-files/upload")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::COOKIE, cookie)
        .header(header::HOST, common::http::HOST)
        .header(header::ORIGIN, common::http::ORIGIN);
    if let Some((name, value)) = extra {
        request = request.header(name, value);
    }
    let request = request.body(Body::from(body)).expect("request");
    send(app, request).await
}

fn location(reply: &Reply) -> String {
    reply
        .headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn a_focal_point_previews_fixes_and_imports_a_file_from_the_pages() {
    for test_db in common::migrated_databases().await {
        let db = &test_db.db;
        let w = world::build(db).await;
        let (id, _) = w.commitment(db, "C-01").await;
        let app = app_for(db);
        let health = sign_in(&app, "health@ken.example.org", PASSWORD)
            .await
            .expect("signed in");

        let page = get_with(&app, "/imports", &health).await;
        assert!(
            page.body.contains("Ministry of Health (MOH), KEN"),
            "{}",
            page.body
        );
        let template = get_with(
            &app,
            "/import-files/template?owner=KEN/MOH&lang=fr",
            &health,
        )
        .await;
        assert_eq!(template.status, StatusCode::OK);
        assert!(location(&template).is_empty());
        let disposition = template
            .headers
            .get(header::CONTENT_DISPOSITION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert_eq!(
            disposition,
            "attachment; filename=\"progress-KEN-MOH-fr.xlsx\"; filename*=UTF-8''progress-KEN-MOH-fr.xlsx"
        );

        let id_text = id.to_string();
        let wrong = sheets::csv(
            &[
                vec!["Commitment ID", "Status", "% complete"],
                vec![&id_text, "fini", "40"],
            ],
            ',',
            false,
        );
        let staged = upload(&app, &health, "KEN/MOH", "june.csv", &wrong).await;
        assert_eq!(staged.status, StatusCode::SEE_OTHER, "{}", staged.body);
        let preview_url = location(&staged);
        assert!(preview_url.starts_with("/imports/"), "{preview_url}");
        let preview = get_with(&app, &preview_url, &health).await;
        assert!(
            preview
                .body
                .contains("row 2, column B &#x27;Status&#x27;: &#x27;fini&#x27; is not a status")
                || preview
                    .body
                    .contains("row 2, column B 'Status': 'fini' is not a status"),
            "{}",
            preview.body
        );
        assert!(
            !preview.body.contains("/api/commit_import"),
            "no import button while the file has errors"
        );

        let fixed = sheets::csv(
            &[
                vec!["Commitment ID", "Status", "% complete"],
                vec![&id_text, "limited", "40"],
            ],
            ',',
            false,
        );
        // The page's script gets the preview's address as text rather than a redirect.
        let staged = upload_with(
            &app,
            &health,
            "KEN/MOH",
            "june.csv",
            &fixed,
            Some((app::imports::UPLOAD_PROGRESS_HEADER, "1")),
        )
        .await;
        assert_eq!(staged.status, StatusCode::OK, "{}", staged.body);
        let preview_url = staged.body.clone();
        let batch_id = preview_url.trim_start_matches("/imports/").to_owned();
        let preview = get_with(&app, &preview_url, &health).await;
        assert!(preview.body.contains("Import 1 rows"), "{}", preview.body);

        // Someone else's upload is as good as absent.
        let education = sign_in(&app, "education@ken.example.org", PASSWORD)
            .await
            .expect("signed in");
        let other = get_with(&app, &preview_url, &education).await;
        assert!(other.body.contains("Import not found"), "{}", other.body);
        let commit = form_action(&preview.body, "/api/commit_import");
        let refused = post_form(
            &app,
            &commit,
            Some(&education),
            &format!("batch_id={batch_id}"),
        )
        .await;
        assert!(
            refused
                .body
                .contains(&format!("there is no import {batch_id} of yours")),
            "{}",
            refused.body
        );

        let done = post_form(
            &app,
            &commit,
            Some(&health),
            &format!("batch_id={batch_id}"),
        )
        .await;
        assert!(
            done.status.is_success() || done.status.is_redirection(),
            "{}: {}",
            done.status,
            done.body
        );
        let public =
            app::plans::store::commitment_detail(db, id, Some(&w.coordinator), world::today())
                .await
                .expect("read")
                .expect("found");
        assert_eq!(public.commitment.status.as_str(), "limited");
        assert_eq!(public.commitment.percent_complete, Some(40));
        let history = get_with(&app, "/imports", &health).await;
        assert!(
            history.body.contains(&format!("Undo import {batch_id}")),
            "{}",
            history.body
        );

        // The file as uploaded: for the uploader and the reviewers, a download, never a page.
        let original_url = format!("/import-files/{batch_id}/original");
        let reviewer = sign_in(&app, "reviewer@un.example.org", PASSWORD)
            .await
            .expect("signed in");
        for cookie in [&health, &reviewer] {
            let original = get_with(&app, &original_url, cookie).await;
            assert_eq!(original.status, StatusCode::OK);
            assert_eq!(original.body.as_bytes(), fixed.as_slice());
            assert_eq!(original.content_type, "text/csv; charset=utf-8");
            assert_eq!(
                original
                    .headers
                    .get(header::CONTENT_DISPOSITION)
                    .and_then(|v| v.to_str().ok()),
                Some("attachment; filename=\"june.csv\"; filename*=UTF-8''june.csv")
            );
        }
        let reviewed = get_with(&app, &preview_url, &reviewer).await;
        assert!(reviewed.body.contains(&original_url), "{}", reviewed.body);
        assert_eq!(
            get_with(&app, &original_url, &education).await.status,
            StatusCode::NOT_FOUND
        );
        let anonymous = send(
            &app,
            Request::get(&original_url)
                .body(Body::empty())
                .expect("request"),
        )
        .await;
        assert_eq!(
            location(&anonymous),
            format!("/sign-in?next=/imports/{batch_id}")
        );

        let anonymous = send(
            &app,
            Request::get("/import-files/template?owner=KEN/MOH")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
        assert_eq!(location(&anonymous), "/sign-in?next=/imports");
        let unreadable = upload(&app, &health, "KEN/MOH", "june.xlsx", &fixed).await;
        assert!(
            location(&unreadable).starts_with("/imports?error=june.xlsx"),
            "{}",
            location(&unreadable)
        );
        test_db.finish().await;
    }
}
