// Scaffold: replaced by the feature's route module in this change.
export default function Scaffold() {
  return null;
}
