/** The API's words for a date column whose day/month order the values cannot tell. */
export function isOrderProblem(message: string): boolean {
  return /D\/M and M\/D both fit|set the date order/.test(message);
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
