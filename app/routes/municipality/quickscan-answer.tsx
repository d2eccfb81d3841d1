// Placeholder until the feature lands (replaced by its implementation).
export default function Placeholder() {
  return null;
}
