// Placeholder until the feature lands (replaced by its implementation).
export async function loader() {
  throw new Response("Not Found", { status: 404 });
}
