export default function Popup() {
  return (
    <main style={{ fontFamily: "Arial, sans-serif", padding: 12, width: 280 }}>
      <h1 style={{ fontSize: 16 }}>Fair Shortlist</h1>
    </main>
  );
}
