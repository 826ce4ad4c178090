//! What a page at `/…/{id}/…` shows, fetched by the id in its address.

use std::future::Future;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{de::DeserializeOwned, Serialize};

/// `fetch` of the address's `id`. An id that is not a number is a page that does not exist,
/// like an unknown id: `Ok(None)`, which pages show as "not found".
pub fn resource_by_id<T, Fetch, Fut>(fetch: Fetch) -> Resource<Result<Option<T>, ServerFnError>>
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    Fetch: Fn(i32) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<Option<T>, ServerFnError>> + Send + 'static,
{
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
    };
    Resource::new(id, move |id| async move {
        match id {
            Some(id) => fetch(id).await,
            None => Ok(None),
        }
    })
}
