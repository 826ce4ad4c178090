//! `/organisations/register`: a civil-society organisation registers, with the account of the
//! person who speaks for it. An administrator approves it before its assessments appear.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::civil_society::RegisterOrganisation;
use crate::components::status::{failure, FormAlert};

#[component]
pub fn RegisterOrganisationPage() -> impl IntoView {
    let register = ServerAction::<RegisterOrganisation>::new();
    let error = move || failure(register.value().get().map(|r| r.map(drop)));
    let done = move || {
        register.value().get().and_then(Result::ok).map(|org| {
            view! {
                <p class="notice" role="status">
                    {format!("{} is registered and awaits an administrator's approval. ", org.name)}
                    "You can " <a href="/sign-in?next=/my">"sign in"</a>
                    " now; once the organisation is approved, each commitment's page lets you publish its assessment."
                </p>
            }
        })
    };
    view! {
        <Title text="Register a civil-society organisation" />
        <div class="wrap">
            <h1>"Register a civil-society organisation"</h1>
            <p class="lede">
                "Watchdogs, associations and research institutes can publish their own assessment "
                "of any published commitment, shown beside the ministry's report and the "
                "Commission's review. Register your organisation and your own account here; an "
                "administrator checks the organisation before its assessments appear."
            </p>
            {done}
            <ActionForm action=register attr:class="form" attr:aria-describedby="register-error">
                <FormAlert id="register-error" message=Signal::derive(error) />
                <label for="org-name">"Organisation's name"</label>
                <input id="org-name" name="form[organisation]" type="text" required />
                <label for="org-website">"Its website (optional)"</label>
                <input id="org-website" name="form[website]" type="url" placeholder="https://" />
                <label for="org-description">"What it does (optional)"</label>
                <textarea id="org-description" name="form[description]" rows="3"></textarea>
                <label for="person-name">"Your name"</label>
                <input id="person-name" name="form[name]" type="text" autocomplete="name" />
                <label for="person-email">"Your email address"</label>
                <input id="person-email" name="form[email]" type="email" autocomplete="email" required />
                <label for="person-password">"A password (at least 12 characters)"</label>
                <input id="person-password" name="form[password]" type="password" autocomplete="new-password" minlength="12" required />
                <button type="submit">"Register"</button>
            </ActionForm>
        </div>
    }
}
