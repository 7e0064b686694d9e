// The check programs write their reports with the types of the CheckReport module (the wire
// format the runner and the app read); re-exported so a check needs only this one import.
@_exported import CheckReport
