// The "Ask the guru" page's script: asks the API for a meditation through the typed client, and
// shows it; when the API refuses, the error's message and the request id to quote; when it cannot
// be reached, says so, and that a CORS refusal looks the same. The API's URL is the page's
// `api-url` meta, set when the page is built.
import { createMeditationsClient, requestIdOf, TimeoutError } from '../client/src/index.ts';

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const apiUrl = document.querySelector<HTMLMetaElement>('meta[name="api-url"]')?.content ?? '';
const client = createMeditationsClient(apiUrl);
const ask = element<HTMLButtonElement>('ask');
const meditation = element('meditation');
const refusal = element('refusal');

element('api-url').textContent = apiUrl;

/** Shows a refusal: what went wrong, and the request id to quote when there is one. */
const refused = (message: string, requestId: string | undefined) => {
  element('refusal-message').textContent = message;
  element('refusal-request-id').textContent = requestId ? `Request id, to quote when you report it: ${requestId}` : '';
  refusal.hidden = false;
};

ask.addEventListener('click', async () => {
  ask.disabled = true;
  meditation.hidden = true;
  refusal.hidden = true;
  try {
    const { data, error, response } = await client.POST('/');
    if (data !== undefined) {
      meditation.textContent = data.meditation;
      meditation.hidden = false;
    } else {
      refused(
        `The API refused: ${error.message} (${error.code}, ${response.status}).`,
        error.requestId ?? requestIdOf(response),
      );
    }
  } catch (failure) {
    refused(
      failure instanceof TimeoutError
        ? 'The API did not answer in time. Try again in a moment.'
        : // A browser reports a CORS refusal as it does a network failure: the page cannot tell them apart.
          "The API cannot be reached. Check your connection, and try again in a moment. If it persists, the API may not allow this page's origin (its AllowedOrigin): a browser reports that the same way.",
      undefined,
    );
  } finally {
    ask.disabled = false;
  }
});
