import EventSourcingTesting
import Foundation
import Testing
@testable import WorkshopKit

@Suite struct SolutionPatchTests {
    let solution = ["Sources/Facts/GuestStay.swift": """
        switch event {
        case .chargeRecorded(let charge):
            state.balance -= charge.amount
        case .paymentRecorded(let payment):
            state.balance += payment.amount
        }
        """]

    let patchText = """
        Mistake: a charge raises the balance.
        --- a/Sources/Facts/GuestStay.swift
        +++ b/Sources/Facts/GuestStay.swift
        @@ -40,3 +40,3 @@
         case .chargeRecorded(let charge):
        -    state.balance -= charge.amount
        +    state.balance += charge.amount
         case .paymentRecorded(let payment):

        """

    @Test func appliesByTextWhateverTheLineNumbersSay() throws {
        let patch = try SolutionPatch(name: "charge-raises-balance", text: patchText)
        #expect(patch.summary == "Mistake: a charge raises the balance.")
        let patched = try patch.apply(to: solution)
        #expect(patched["Sources/Facts/GuestStay.swift"]?.contains("state.balance += charge.amount") == true)
        #expect(patched["Sources/Facts/GuestStay.swift"]?.contains("-= charge") == false)
    }

    @Test func aPatchWhoseTextIsGoneSaysWhere() throws {
        let patch = try SolutionPatch(name: "charge-raises-balance", text: patchText)
        let changed = solution.mapValues { $0.replacingOccurrences(of: "-= charge.amount", with: "-= charge.total") }
        let problem = #expect(throws: SolutionPatch.Problem.self) { try patch.apply(to: changed) }
        #expect(problem?.description.contains("no longer applies to Sources/Facts/GuestStay.swift") == true)
    }

    @Test func aPatchThatDoesNotSayWhatItModelsIsRefused() {
        let bare = patchText.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
        #expect(throws: SolutionPatch.Problem.self) { try SolutionPatch(name: "bare", text: bare) }
    }

    func outcome(_ status: CheckStatus, failing: CheckResult? = nil) -> CheckOutcome {
        CheckOutcome(exercise: "facts", workspace: .exercises, status: status,
                     tests: [CheckResult(name: "checking in opens the stay", passed: true)] + (failing.map { [$0] } ?? []))
    }

    @Test func aWrongAnswerThatPassesIsAProblem() throws {
        let patch = try SolutionPatch(name: "charge-raises-balance", text: patchText)
        let (trial, problem) = PatchTrial.judge(outcome(.passed), patch: patch, kind: .wrongAnswer, exercise: "facts")
        #expect(!trial.ok)
        #expect(problem?.contains("passes every check: a check is missing or too weak") == true)
    }

    @Test func aWrongAnswerIsRejectedOnlyByANamedCheckWithAMessage() throws {
        let patch = try SolutionPatch(name: "charge-raises-balance", text: patchText)
        let named = CheckResult(name: "a charge lowers the balance", passed: false, message: "balance: expected -100, actual 100")
        let (trial, problem) = PatchTrial.judge(outcome(.failed, failing: named), patch: patch, kind: .wrongAnswer, exercise: "facts")
        #expect(trial.ok && problem == nil)
        #expect(trial.failedCheck == "a charge lowers the balance")
        let crashed = PatchTrial.judge(outcome(.crashed), patch: patch, kind: .wrongAnswer, exercise: "facts")
        #expect(!crashed.0.ok && crashed.problem?.contains("crashes the check program") == true)
    }

    @Test func anAlternativeThatFailsNamesTheOverFittedCheck() throws {
        let patch = try SolutionPatch(name: "sum", text: patchText.replacingOccurrences(of: "Mistake:", with: "Also right:"))
        let failing = CheckResult(name: "the gateway sees this exact sequence", passed: false, message: "Calls differ at 3\nmore")
        let (trial, problem) = PatchTrial.judge(outcome(.failed, failing: failing), patch: patch, kind: .alternative, exercise: "outbox")
        #expect(!trial.ok)
        #expect(problem?.contains("“the gateway sees this exact sequence” says Calls differ at 3. The check is over-fitted") == true)
    }
}
