//! `/sign-in`: email and password, for focal points, coordinators, reviewers and admins.
//! Reading the tracker needs no account.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::components::status::{failure, FormAlert};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::accounts::SignIn;

#[component]
pub fn SignInPage() -> impl IntoView {
    let sign_in = ServerAction::<SignIn>::new();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let error = move || failure(sign_in.value().get());
    view! {
        <Title text="Sign in" />
        <div class="wrap narrow">
            <h1>"Sign in"</h1>
            <p>"For ministry focal points, national coordinators, reviewers and administrators. Everything public can be read without an account."</p>
            <ActionForm action=sign_in attr:class="form" attr:aria-describedby="sign-in-error">
                <FormAlert id="sign-in-error" message=Signal::derive(error) />
                <input type="hidden" name="next" value=next />
                <label for="email">"Email address"</label>
                <input id="email" type="email" name="email" autocomplete="username" required />
                <label for="password">"Password"</label>
                <input id="password" type="password" name="password" autocomplete="current-password" required />
                <button type="submit">"Sign in"</button>
            </ActionForm>
            <p>
                "Speak for a civil-society organisation? "
                <a href="/organisations/register">"Register it"</a>
                " to publish its assessments of commitments."
            </p>
        </div>
    }
}
