## courtesy — English (United States)

error-prefix = error
severity-error = error
severity-warning = warning
help-prefix = how to fix

## Verdicts and scores
verdict-pass = PASS
verdict-fail = FAIL
score-of = ({ $score } points)
your-reply = Your reply: { $reply }
hit-line = Forbidden phrase “{ $text }” ({ $category }; source: { $clause })
suggestion-line = Say instead: { $text }
required-met = Done: { $category } “{ $rule }”
required-missed = Missing: { $category } (source: { $clause })
required-missed-core = Not done, and it is the point of this turn: { $category } “{ $rule }” (source: { $clause }); the turn fails
required-negated = Not done: { $category } — “{ $text }” says it will not be done (source: { $clause })
required-misplaced-opening = In the wrong place: { $category } “{ $text }” must come first, as you open (source: { $clause })
required-misplaced-closing = In the wrong place: { $category } “{ $text }” must come last, as you close (source: { $clause })
clause-line = Source: { $clause }

## Reasons
reason-met = Did “{ $rule }”.
reason-missed = Missed “{ $rule }”.
reason-missed-core = “{ $rule }” is the point of this turn and was not done; the turn fails.
reason-negated = “{ $text }” is said in the negative, so “{ $rule }” is not met.
reason-softened = “{ $text }” is asked as a request, so it does not count against “{ $rule }”.
reason-refused = “{ $text }” refuses what “{ $rule }” forbids, so it does not count against you.
reason-missed-critical = Missed “{ $rule }”, which is mandatory: the turn fails.
reason-forbidden = Said the forbidden “{ $text }” ({ $rule }).
reason-forbidden-critical = Said the seriously forbidden “{ $text }” ({ $rule }): the turn fails.
reason-good-choice = The right choice.
reason-bad-choice = That is not what the standard asks for.
reason-timed-out = Time ran out: the customer got no answer.
reason-recited = This only strings courtesy formulas together and does not do what the customer needs now: say it in your own words and do it.
reason-echoed = Repeated the number back to the customer: “{ $text }”.
reason-slip = “{ $text }” was read as “{ $meant }”: it looks like the input method picked the wrong character; check before you send.
reason-third-person = A third person who is present is not called “{ $text }”: name them first, as “{ $rule }” (客户服务标准规范 第二条 五). This turn fails.
reason-missed-echo = Repeat the number the customer gave ({ $numbers }) to confirm it, then close.
reason-out-of-order = “{ $second }” came before “{ $first }”: here “{ $first }” must come first.
reason-register = Address the customer as 您, not 你 ({ $points } points off).
reason-below-pass-mark = Scored { $score }, below the pass mark of { $mark }.

## The scene
speaker-unknown = Customer
speaker-you = You
speaker-line = { $who }: { $text }
role-with-state = { $role } ({ $state })
mood-in-brackets = ({ $mood })
speaker-with-mood = { $name } ({ $mood })
ending-good = Ending (good)
ending-bad = Ending (bad)
time-limit = Respond within { $seconds } seconds.
time-limit-rings = The phone is ringing! Answer within { $rings } rings ({ $seconds } seconds).
prompt-reply = Type your reply (Enter sends):
prompt-choice = What do you say? Enter a number:
prompt-action = What do you do? Enter a number:

## Debrief
debrief-title = Debrief
debrief-score = Score { $score } (pass mark { $mark }): { $verdict }
debrief-unfinished = The scenario did not reach an ending.
debrief-bad-ending = The scenario ended badly.
debrief-critical = Serious failure ({ $category }): “{ $rule }” — missed or said where it must not be; the scenario fails whatever the score.
debrief-timed-out = { $count ->
    [one] One step was not done in time
   *[other] { $count } steps were not done in time
} (such as answering within three rings). Time limits are part of the standard: the scenario fails whatever the score.
debrief-categories = Scores by category:
debrief-transcript = Transcript:
debrief-situation = Situation: { $cue }
debrief-sources = Sources of this scenario:
transcript-timed-out = (timed out, no answer)
model-answer = Model answer: { $text } ({ $clause })

## Terminal mode
play-briefing = Setting: { $setting }   Your post: { $role }   Seed: { $seed }
play-invalid-scenario = Scenario “{ $id }” has errors; fix them with courtesy validate first.
play-input-ended = Input ended before the scenario did. Progress is saved; continue with --resume.
play-read-error = Could not read input: { $detail }
play-invalid-utf8 = That line is not valid UTF-8 text and was ignored; please type it again.
play-want-number = Please enter the number of an option.
play-save-failed = Could not save progress ({ $detail }); you can go on, but an interrupted session cannot be resumed.
play-result-save-failed = Could not record the result ({ $detail }).
play-no-scenario-in-file = There is no playable scenario in that file.
input-finished = The scenario has ended.
input-empty = The reply is empty; please type what you would say.
input-too-long = The reply has { $chars } characters, over the limit of { $limit }; please shorten it.
input-no-such-option = There is no option { $given }; enter 1 to { $count }.
input-wants-text = This turn wants a typed reply, not an option number.
input-invalid-utf8 = That line is not valid UTF-8 text.
unknown-scenario = No scenario “{ $id }”. See courtesy list for all scenarios.
unknown-node = Scenario “{ $scenario }” has no node “{ $id }”.
no-scenarios = No scenario files found in { $dir }. Check --scenarios or $COURTESY_SCENARIOS; without them courtesy uses ./scenarios, the scenarios folder next to the program, or the library built into it.
no-state-dir = There is no folder to keep progress in: neither XDG_STATE_HOME nor HOME is set.
pick-scenario = Choose a scenario (enter its number):
pick-scenario-invalid = There is no scenario with that number.
line-n = line { $n }

## check / validate / list
check-rules-invalid = The rule file has errors; nothing was scored.
resume-nothing-saved = There is no unfinished session to resume. Start one with courtesy play --text --scenario ID.
resume-which = Several unfinished sessions are saved (id, scenario, trainee, turns):
  { $saved }
  Resume one with --resume ID.
resume-unknown = No saved session has the id “{ $id }”. Saved (id, scenario, trainee, turns):
  { $saved }
check-node-takes-no-reply = Node “{ $node }” of { $scenario } takes an action or a choice, not a typed reply: there is nothing to score.
check-not-a-rule-set = { $path } is not a rule set (a file that starts with RuleSet(...)): name a file of scenarios/phrases/, or use --scenario and --node.
check-no-rules = Rule set “{ $id }” not found.
validate-summary = Checked { $scenarios ->
    [one] { $scenarios } scenario
   *[other] { $scenarios } scenarios
} and { $rulesets ->
    [one] { $rulesets } rule set
   *[other] { $rulesets } rule sets
}: { $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
}, { $warnings ->
    [one] { $warnings } warning
   *[other] { $warnings } warnings
}.
list-bad-format = Unsupported format “{ $format }”: use text, json or markdown.
catalogue-title = Scenario catalogue
catalogue-generated = Generated by `courtesy list --format markdown`; do not edit by hand.
catalogue-col-title = Title
catalogue-col-venue = Venue
catalogue-col-tags = Tags
catalogue-col-sources = Sources

## The game
ui-title = courtesy · service etiquette training
ui-subtitle = Real situations from the service manuals: say the right thing, do the right thing.
ui-name = Trainee name
ui-name-hint = Your name
ui-name-needed = Enter your name first: the debrief and the results are kept under it.
ui-discard-saved = A session is still unfinished: { $title } ({ $n ->
    [one] { $n } turn answered
   *[other] { $n } turns answered
}). Starting now discards it.
ui-discard-and-begin = Discard it and start
ui-mode = Mode
ui-mode-practice = Practice (feedback every turn)
ui-mode-exam = Exam (feedback at the end)
ui-language = Language
ui-content-language = Scenes stay in Chinese: that is what you train to say.
ui-venue = Venue
ui-all = All
ui-tag = Tag
ui-search = Search
ui-search-hint = Search titles
ui-scenario-count = { $n ->
    [one] { $n } scenario
   *[other] { $n } scenarios
}
ui-no-scenarios = No scenario matches.
ui-start = Start
ui-keys-menu = ↑↓ choose a scenario, Enter or a double-click starts it
ui-your-role = Your post
ui-cast = Cast
ui-pass-mark = Pass mark
ui-sources = What the manual expects (sources)
ui-begin = Start (Enter)
ui-menu = Menu
ui-state-standing = standing
ui-state-sitting = sitting
ui-state-asleep = asleep
ui-state-chatting = chatting on QQ
ui-state-reading = reading a newspaper
ui-state-away = away from the desk
ui-state-onphone = on the phone
ui-turn = Turn { $n }
ui-ringing = The phone is ringing: ring { $ring } of { $rings }, { $left } s left
ui-time-left = { $left } s left
ui-reply-label = Your reply:
ui-reply-hint = Answer in your own words (Chinese input method works)
ui-send = Send
ui-keys-reply = Enter sends, Shift+Enter for a new line
ui-keys-options = Click an option or press 1–9
ui-feedback-title = This turn
ui-see-feedback = The feedback is on the right; press Enter to go on.
ui-continue = Continue (Enter)
ui-to-debrief = See the debrief (Enter)
ui-retry = Try again
ui-next = Next scenario
ui-keys-debrief = R try again · N next · Esc menu
ui-diagnostics = Scenario file diagnostics
ui-diagnostics-none = All scenario files are fine.
ui-reloaded = { $n ->
    [one] Loaded once
   *[other] Loaded { $n } times
} (files reload when saved)
ui-no-display = No graphical display (DISPLAY is not set); using the terminal mode.
ui-resume-offer = Your last session was not finished: { $title } ({ $n ->
    [one] { $n } turn answered
   *[other] { $n } turns answered
}).
ui-resume = Continue where you stopped (F5)
ui-progress-problem = Progress could not be saved: { $detail }
ui-no-name = no name given
ui-result-recorded = Result recorded.

## File diagnostics (for trainers)
diag-io = Cannot read: { $detail }
diag-io-help = Check that the path is right and the file exists and is readable.
diag-file-too-large = File too large ({ $size } bytes, limit { $limit } bytes).
diag-file-too-large-help = Keep one scenario per file; split a long scenario into several files.
diag-not-a-file = Not a regular file (a { $kind }): courtesy reads only regular files.
diag-not-a-file-help = Point courtesy at a .ron file; rename or remove a folder, pipe or device named *.ron.
diag-link-outside = This link leads outside the scenarios folder, to { $target }; it is not followed.
diag-link-outside-help = Copy the file into the scenarios folder instead of linking to it.
diag-invalid-utf8 = The file is not UTF-8 (invalid byte after byte { $byte }).
diag-invalid-utf8-help = Save the file again as UTF-8 in your editor (not GBK or Big5).
diag-nul-byte = The file contains a NUL character.
diag-nul-byte-help = Delete it; it usually comes from copy-paste or a bad encoding conversion.
diag-control-character = A control or direction character ({ $char }) is in the text: it would act on a screen instead of showing.
diag-control-character-help = Delete it; copied text from Word or a terminal sometimes carries it. Write a line break as a new Line, not a control code.
diag-syntax = Syntax error: { $detail }
diag-syntax-help = Check that brackets, quotes and commas pair up; compare with the full example in docs/scenario-format.md.
diag-unknown-field = Unknown field: { $detail }
diag-unknown-field-help = The field name may be misspelt; docs/scenario-format.md lists the allowed fields.
diag-missing-field = Missing field: { $detail }
diag-missing-field-help = Add the field; docs/scenario-format.md lists the required ones.
diag-duplicate-field = Field given twice: { $detail }
diag-duplicate-field-help = Write each field once; delete the extra one.
diag-unknown-variant = Unknown value: { $detail }
diag-unknown-variant-help = Use one of the listed values (mind the capital letters).
diag-wrong-type = Wrong type: { $detail }
diag-wrong-type-help = Text goes in double quotes, lists in [ ], numbers without quotes, true/false in lower case.
diag-too-deep = Nested too deeply: { $detail }
diag-too-deep-help = Scenario files never need this many brackets; look for one that is not closed.
diag-duplicate-id = The { $kind } id “{ $id }” is used twice.
diag-duplicate-id-help = Every id must be unique; rename one of them.
kind-rule = rule
kind-rule-set = rule set
kind-scenario = scenario
kind-cast = cast member
kind-node = node
kind-option = option
kind-folder = folder
kind-fifo = named pipe (FIFO)
kind-device = device
kind-socket = socket
kind-link = broken or looping link
kind-other = special file
diag-no-phrases = Rule “{ $rule }” has no phrases.
diag-no-phrases-help = Give at least one phrase in phrases.
diag-empty-phrase = Phrase “{ $phrase }” of rule “{ $rule }” is nothing once punctuation and spaces are removed.
diag-empty-phrase-help = A phrase must contain words; a phrase of punctuation can never match.
diag-id-filename = Scenario id “{ $id }” does not match the file name “{ $file }”.
diag-id-filename-help = Rename the file to { $id }.ron, or change the id to “{ $file }”.
diag-bad-pass-mark = Pass mark { $value } is over 100.
diag-bad-pass-mark-help = pass_mark is a number from 0 to 100.
diag-unknown-rule-set = Rule set “{ $id }” not found.
diag-unknown-rule-set-help = Rule sets live in scenarios/phrases/; the id must match the id inside the file.
diag-unknown-speaker = Speaker “{ $id }” of node “{ $node }” is not in the cast.
diag-unknown-speaker-help = Add the person to cast, or use an id that is there.
diag-bad-time-limit = The time limit of node “{ $node }” must be a number of seconds above 0.
diag-bad-time-limit-help = For example time_limit: TimeLimit(seconds: 9, rings: 3).
diag-no-prompt = Node “{ $node }” has neither a prompt nor an ending.
diag-no-prompt-help = Give it a prompt (the trainee responds) or make it an ending.
diag-ending-with-prompt = Ending node “{ $node }” cannot also have a prompt or next.
diag-ending-with-prompt-help = An ending is where the scenario stops: remove prompt/next, or remove ending.
diag-unknown-rule = Rule “{ $id }” used in node “{ $node }” does not exist.
diag-unknown-rule-help = Define it in the scenario's rules, or add a rule set that has it to apply.
diag-no-options = Node “{ $node }” has an empty option list.
diag-no-options-help = Give at least two options, one of them good: true.
diag-no-good-option = Node “{ $node }” has no right option (good: true).
diag-no-good-option-help = Whatever the trainee picks here fails; usually one option is the right practice.
diag-no-branch = Node “{ $node }” has no next branches, so the turn leads nowhere.
diag-no-branch-help = Add next: [Branch(when: Passed, goto: "..."), Branch(when: Failed, goto: "...")].
diag-non-exhaustive = The branches of node “{ $node }” do not cover every outcome (passed, failed, timed out, each option).
diag-non-exhaustive-help = End the list with Branch(when: Always, goto: "..."), or give both Passed and Failed.
diag-dangling-ref = No node “{ $id }”.
diag-dangling-ref-help = goto/start/node/Visited must name an existing node id; check the spelling.
diag-unknown-option = Node “{ $node }” has no option “{ $id }”.
diag-unknown-option-help = Chose(...) must name the id of one of this node's options.
diag-timeout-without-limit = Node “{ $node }” has a TimedOut branch but no time limit.
diag-timeout-without-limit-help = Add a time_limit, or remove the branch.
diag-unreachable = Node “{ $node }” cannot be reached from the start node.
diag-unreachable-help = goto it from some branch, or delete it.
diag-dead-end = No ending can be reached from node “{ $node }”.
diag-dead-end-help = Make sure every path eventually goes to a node with an ending.
diag-bad-example = Example node “{ $node }” is not a typed-reply (Reply) node.
diag-bad-example-help = Examples check Reply nodes only; choice nodes need none.
diag-example-mismatch = Example “{ $reply }” should be { $expected } but is { $got } ({ $score } points; forbidden hits: { $hits }; missing: { $missed }; expected hits not found: { $expected-hits }).
diag-example-mismatch-help = Either change the rules (phrases, exceptions, position) or correct the example's expect/hits.
diag-model-fails = The model answer of node “{ $node }” fails its own node ({ $score } points; forbidden hits: { $hits }; missing: { $missed }).
diag-model-fails-help = A model answer must pass its node: reword it, or adjust the node's require/forbid rules.
diag-bad-pattern = In rule “{ $rule }”, the phrase “{ $phrase }” has a [ ] or {"{"} {"}"} that does not close.
diag-bad-pattern-help = [ ] holds an optional part and {"{"} a|b {"}"} one of several; close every bracket and write | only inside {"{"} {"}"}, e.g. 请[您]{"{"}稍等|稍候{"}"}.
diag-pattern-too-wide = In rule “{ $rule }”, the phrase “{ $phrase }” expands into more than { $limit } phrases.
diag-pattern-too-wide-help = Split it into several phrases, or make fewer parts optional.
diag-too-many-phrases = This scenario's rules compile to { $count } phrases (both registers and every pattern spelt out); the limit is { $limit }.
diag-too-many-phrases-help = Narrow the widest patterns, or split the rule set; a phrase list this long is usually generated, not written.
diag-echo-without-number = Node “{ $node }” asks the reply to repeat a number (echo: true), but the customer's lines give none of three digits or more.
diag-echo-without-number-help = Put the number in the customer's line (“138××××5678”), or remove echo: true.
diag-curriculum-id-filename = Curriculum id “{ $id }” does not match the file name “{ $file }”.
diag-curriculum-id-filename-help = Rename the file to { $id }.ron, or change the id to “{ $file }”.
diag-unknown-scenario = Module “{ $module }” names scenario “{ $id }”, which does not exist.
diag-unknown-scenario-help = `courtesy list` shows the scenarios' ids; check the spelling.
diag-empty-module = “{ $module }” is empty: a module needs at least one scenario, a curriculum at least one module.
diag-empty-module-help = Put scenario ids in scenarios: [...], or remove the module.
diag-bad-gate = Module “{ $module }” has a gate that cannot work (mastery: { $mastery }, passes: { $passes }).
diag-bad-gate-help = mastery is a score from 0 to 100; passes is at least 1.
diag-bad-validity = A certificate valid { $valid } days with recertification { $window } days before expiry cannot work.
diag-bad-validity-help = valid_days must be above 0, and recertify_within_days below valid_days.
diag-empty-mapping = The mapping's “{ $what }” is empty: a sheet could not be read with it.
diag-empty-mapping-help = List the firm's words under channels and results (one of them meaning Fail), and at least one skill for every category.
diag-unknown-skill = Category “{ $category }” drills skill “{ $skill }”, but no scenario has that tag.
diag-unknown-skill-help = Skills are scenario tags; `courtesy list` shows them. Check the spelling, or tag a scenario with it.
diag-bad-drill-policy = A drill due in { $due } days, passed on { $passes } days and escalated after { $escalate } failures cannot work.
diag-bad-drill-policy-help = due_days, passes_needed and escalate_after must each be above 0.
diag-firm-id-filename = Shopper firm id “{ $id }” does not match the file name “{ $file }”.
diag-firm-id-filename-help = Rename the file to { $id }.ron, or change the id to “{ $file }”.
kind-module = module
kind-column = column

## Tags (as the menu shows them; a tag with no line here shows its id)
tag-front-desk = Front desk
tag-phone-etiquette = Phone etiquette
tag-procedure = Procedures
tag-etiquette = Etiquette
tag-after-sales = After-sales
tag-no-stand-greeting = No standing greeting
tag-hold = Putting on hold
tag-complaint = Complaints
tag-careless-promise = Careless promises
tag-busy-desk = Busy desk
tag-service-hall = Service hall
tag-unattended-desk = Unattended desk
tag-privacy = Privacy
tag-personal-chat = Personal chat
tag-indifference = Indifference
tag-home-visit = Home visits
tag-grooming = Grooming
tag-gate-post = Gate post
tag-fees = Fees
tag-deflection = Deflection
tag-courtesy = Courtesy
tag-confrontation = Confrontation
tag-visitor = Visitors
tag-unknown-question = Questions you cannot answer
tag-sleeping-on-post = Sleeping on post
tag-renovation = Renovation
tag-quiz = Quiz
tag-problem-solving = Problem solving
tag-priority = Priority
tag-parcel = Parcels
tag-owner-discrimination = Owner discrimination
tag-listening = Listening
tag-keys = Keys
tag-impatience = Impatience
tag-handover = Handover
tag-gifts = Gifts
tag-gestures = Gestures
tag-directions = Directions
tag-colleague = Colleagues
tag-closing = Closing
tag-call-for-manager = Calls for the manager
tag-call-centre = Call centre
tag-accessibility = Accessibility

## Categories
category-greeting = Greeting
category-courtesy = Courtesy
category-apology = Apology
category-hold = Hold
category-thanks = Thanks
category-closing = Closing
category-introduction = Introduction
category-address = Address
category-etiquette = Etiquette
category-procedure = Procedure
category-deflection = Deflection
category-indifference = Indifference
category-confrontation = Confrontation
category-impatience = Impatience
category-discrimination = Discrimination
category-careless-promise = Careless promise
category-privacy = Privacy
category-rudeness = Rudeness
category-integrity = Integrity

## Settings
venue-gate-post = Gate post
venue-front-desk = Front desk
venue-service-centre = Service centre
venue-phone-call = Phone call
venue-home-visit = Home visit
venue-service-hall = Service hall

## Moods
mood-calm = calm
mood-friendly = friendly
mood-pleased = pleased
mood-hurried = in a hurry
mood-confused = confused
mood-anxious = anxious
mood-impatient = impatient
mood-annoyed = annoyed
mood-angry = angry

## Roles
role-owner = Owner
role-nonowner = Non-owner
role-visitor = Visitor
role-caller = Caller
role-customer = Customer
role-resident = Resident
role-colleague = Colleague
role-manager = Manager
role-courier = Courier
role-inspector = Inspector

## Scenario titles and summaries (the dialogue itself stays in Chinese)
scenario-phone-three-rings-title = The phone rings: answer within three rings
scenario-phone-three-rings-summary = The front-desk phone rings. Answer within three rings with the company greeting, ask the caller to hold while you look something up, close the call politely and let the caller hang up first.
scenario-phone-three-rings-role = Property management front desk
scenario-unknown-question-title = An engineering question you cannot answer
scenario-unknown-question-summary = An owner asks whether a leaking bathroom wall is covered by the warranty. You do not know: never say “I don't know”; apologise, ask him to wait, fetch the engineering supervisor, look after him while he waits and see him out.
scenario-unknown-question-role = Customer service centre receptionist
scenario-gate-guard-asleep-title = Asleep in the gate booth
scenario-gate-guard-asleep-summary = You doze off at the gate when two visitors who want to rent a flat arrive. Get up at once, apologise and greet them, give clear directions to the management office with a “please”, and point with the whole hand, never one finger.
scenario-gate-guard-asleep-role = Main gate guard
scenario-desk-qq-chat-title = Chatting on QQ at the desk
scenario-desk-qq-chat-summary = You are chatting on QQ at the front-desk computer when someone looking for a flat to rent walks in. Close the chat, stand up to greet him and help him properly, even though renting is not the office's business.
scenario-desk-qq-chat-role = Service centre receptionist
scenario-non-owner-phone-number-title = Not an owner, but still a customer
scenario-non-owner-phone-number-summary = A would-be tenant asks for the management office's phone number, and a colleague whispers “he is not an owner, don't tell him”. Owners and non-owners get the same courtesy.
scenario-non-owner-phone-number-role = Service centre receptionist
scenario-unattended-desk-title = Nobody at the service centre
scenario-unattended-desk-summary = You are laughing with colleagues in the back office while the desk is empty and messy and an owner has been waiting for minutes. Hurry back, apologise, get things done and only sit down once she has left.
scenario-unattended-desk-role = Service centre receptionist
scenario-newspaper-not-our-business-title = “Not our business” from behind a newspaper
scenario-newspaper-not-our-business-summary = You are reading a newspaper at the desk when a resident of another estate comes to pay her fees at the wrong office. Put the paper away, stand up, and tell her where to go instead of “that's nothing to do with us”.
scenario-newspaper-not-our-business-role = Service centre receptionist
scenario-busy-desk-second-customer-title = A second customer while you are busy
scenario-busy-desk-second-customer-summary = You are serving Mr A when Ms B walks in. Smile and nod to her, ask her to take a seat, and when Mr A is done, apologise for the wait before serving her.
scenario-busy-desk-second-customer-role = Service centre receptionist
scenario-visitor-arrives-during-call-title = A visitor arrives while you are on the phone
scenario-visitor-arrives-during-call-summary = You are answering an owner's call when another owner comes to the desk. Nod to ask her to wait, close the call politely and quickly, then apologise to her first before serving her.
scenario-visitor-arrives-during-call-role = Management office front desk
scenario-call-during-service-title = The phone rings while you are serving
scenario-call-during-service-summary = You are issuing an access card when the desk phone rings. Say “sorry, let me take this call” first, answer within three rings, keep it short, then apologise and carry on.
scenario-call-during-service-role = Property management front desk
scenario-caller-too-quiet-title = A caller you cannot hear
scenario-caller-too-quiet-summary = The caller is faint and the line is noisy. Never “hey, speak up!”: politely ask them to speak louder, and if you still cannot hear, ask them to call again from another phone, then say goodbye.
scenario-caller-too-quiet-role = Service hotline agent
scenario-call-for-manager-title = A caller asks for the manager
scenario-call-for-manager-summary = A caller wants the head of the management office. Ask for name and company, ask them to hold while you reach the manager, and when he cannot come to the phone, say so tactfully and take a message.
scenario-call-for-manager-role = Management office front desk
scenario-repair-call-intake-title = Taking a repair call
scenario-repair-call-intake-summary = A customer calls to report a fault. Answer with the standard greeting, record name, number and fault, read them back and promise a call-back time; keep asking about other problems until the customer says there are none, and let them hang up first.
scenario-repair-call-intake-role = Authorised service centre hotline agent
scenario-angry-customer-title = An owner shouting at you
scenario-angry-customer-summary = An owner storms in because the lift has broken down again. Stay calm and never argue: soothe him, apologise, let him finish, move to the reception room, record everything and explain what happens next.
scenario-angry-customer-role = Customer service centre receptionist
scenario-serious-complaint-title = A serious complaint
scenario-serious-complaint-summary = A resident calls about renovation noise upstairs and a cracked wall. Listen carefully, show sympathy and note the key points; do not jump to conclusions, say it goes to the responsible department, ask for two to three days, and arrange a follow-up call.
scenario-serious-complaint-role = Property management front desk
scenario-late-fee-waiver-title = Can the late fee be waived?
scenario-late-fee-waiver-summary = An owner paying overdue fees asks to have the late fee waived. Explain the rule; since it is his first time and not deliberate, ask him to pay the arrears and fill in the waiver form, promising to try — never that it will be waived.
scenario-late-fee-waiver-role = Management office fee collector
scenario-fee-reduction-demand-title = Pay less because the service was poor?
scenario-fee-reduction-demand-summary = An owner says the cleaning has been poor and wants a discount. Apologise, offer a glass of water, find out what went wrong and call in the department concerned; explain how fees relate to service and promise to report and improve, without granting a discount on the spot.
scenario-fee-reduction-demand-role = Customer service centre receptionist
scenario-renovation-procedures-title = How to apply for renovation
scenario-renovation-procedures-summary = A new owner asks about renovation formalities. Explain the application form, drawings and contractor papers, approval, agreement, fees and passes; show him how to fill in the form when he renovates himself, and explain the waste-removal fee patiently and with its basis.
scenario-renovation-procedures-role = Management office front desk
scenario-handover-documents-title = What to bring to collect the keys
scenario-handover-documents-summary = A future owner calls to ask which documents to bring when taking over her flat, and may be away that week. List contract, receipts, ID, photos and fees, and explain how a proxy can do it with a signed authorisation and their own ID.
scenario-handover-documents-role = Management office customer service agent
scenario-two-customers-priority-title = Two customers at once
scenario-two-customers-priority-summary = An elderly owner is asking about a water cut when a young resident rushes in with a burst pipe. Serve by “urgent first, first come, elders first”, and speak to the one who waits so he does not feel neglected.
scenario-two-customers-priority-role = Customer service centre receptionist
scenario-disabled-visitor-title = An owner in a wheelchair
scenario-disabled-visitor-summary = An owner in a wheelchair comes for a parking permit. Lead him to a convenient spot, move chairs and carry things, never stare or gossip, and help him out of the door when he leaves.
scenario-disabled-visitor-role = Customer service centre receptionist
scenario-key-borrowing-visitor-title = A visitor wants the keys to view a flat
scenario-key-borrowing-visitor-summary = A visitor who says he is the owner's relative asks for the keys to view the flat. Find out who he is, confirm with the owner, register the loan, go with him or keep his ID, and take the keys back.
scenario-key-borrowing-visitor-role = Customer service centre receptionist
scenario-resident-declines-visitor-title = The resident does not want to see this visitor
scenario-resident-declines-visitor-summary = A visitor asks for a resident who tells you he does not want to see him. Say politely that the resident cannot receive visitors now and take a message — never “he doesn't want to see you” — and do not let the visitor wait in the lobby.
scenario-resident-declines-visitor-role = Lobby duty officer
scenario-parcel-for-resident-title = A courier wants the desk to sign
scenario-parcel-for-resident-summary = A courier wants the desk to sign for a resident's parcel. Check for a note or authorisation, call the resident to confirm, never sign without it, and tell the resident the desk only receives parcels and cannot vouch for their condition.
scenario-parcel-for-resident-role = Management office front desk
scenario-front-desk-temptations-title = The front desk's five don'ts and four don'ts
scenario-front-desk-temptations-summary = An ordinary morning brings a newspaper, snacks, a personal call, a colleague's chat, a customer who wants a promise and one who wants an argument. Keep the “five don'ts” for yourself and the “four don'ts” towards customers.
scenario-front-desk-temptations-role = Property management front desk
scenario-etiquette-gestures-title = Ten points of etiquette
scenario-etiquette-gestures-summary = Escorting a visiting developer's manager round the estate: shaking hands, introductions, handing over a form and pen, pointing the way, the lift, naming a third person and seating in the car. Each step has its standard.
scenario-etiquette-gestures-role = Management office customer service supervisor
scenario-grooming-check-title = A look in the mirror before the shift
scenario-grooming-check-summary = Before the morning shift the supervisor checks grooming: uniform, name badge, hair, nails and bearing. Then greet the first customer of the day properly.
scenario-grooming-check-role = Management office front desk
scenario-cashier-wrong-change-title = “You gave me the wrong change”
scenario-cashier-wrong-change-summary = A customer comes back to the cash desk to say her change was wrong. Do not interrupt her, and never “impossible, we counted it just now”: let her finish, apologise, check together, and put it right.
scenario-cashier-wrong-change-role = Service hall cashier
scenario-colleague-respect-title = Courtesy towards colleagues too
scenario-colleague-respect-summary = Having politely asked a customer for his ID, you need the security guard to photocopy it. Ask a colleague as warmly as you would a customer — the customer is watching — and keep the service uninterrupted.
scenario-colleague-respect-role = Service hall clerk
scenario-apology-is-not-a-solution-title = “What's the use of just saying sorry?”
scenario-apology-is-not-a-solution-summary = A customer was overcharged and says “what's the use of just saying sorry?”. After the apology, act: look up the charges, say how and when the money comes back, and own the case to the end.
scenario-apology-is-not-a-solution-role = Service hall clerk
scenario-home-visit-engineer-title = The home-visit engineer
scenario-home-visit-engineer-summary = You are the home-visit engineer: book the visit by phone with the standard greeting, knock three times, introduce yourself with your badge, put on shoe covers with permission, explain the fault and the cost, have the customer sign, tidy up and say goodbye in the standard words.
scenario-home-visit-engineer-role = Home-visit service engineer
scenario-noisy-product-complaint-title = The machine is too noisy
scenario-noisy-product-complaint-summary = A customer calls because a new projector's fan is very loud. Never “that's how it is, make do” or “this model is like that”, nor “it may not be normal” before you know: ask about the symptoms, book an inspection and offer a remedy.
scenario-noisy-product-complaint-role = Authorised service centre hotline agent
scenario-parts-out-of-stock-title = The part has not arrived
scenario-parts-out-of-stock-summary = A customer asks why his monitor is still not repaired: the part is out of stock. Never “we'll repair it when the part comes”: apologise, say the part is ordered and when it is due, promise to call when it arrives and keep that promise, and offer a stop-gap.
scenario-parts-out-of-stock-role = Authorised service centre receptionist
scenario-gift-refusal-title = The customer's red envelope
scenario-gift-refusal-summary = After a home repair the customer offers a cigarette, tea, dinner and a red envelope. No smoking, drinking or eating at the customer's, and no gifts: decline politely without embarrassing him.
scenario-gift-refusal-role = Home-visit service engineer

# Training records (courtesy roster / enrol / training / records)
job-front-desk = front desk
job-gate-guard = gate guard
job-call-centre = call centre
job-home-visit-engineer = home-visit engineer
job-service-hall = service hall
roster-added = Added to the roster: { $no } { $name } ({ $role })
roster-empty = The roster is empty. Add people with courtesy roster add.
enrolled = { $name } is enrolled in “{ $curriculum }”, due { $due }.
training-header = Training of { $name } (employee { $no })
training-none = Not enrolled in any curriculum yet. Enrol with courtesy enrol.
training-assignment = “{ $title }”: { $status } (due { $due })
assignment-assigned = assigned
assignment-in-progress = in progress
assignment-passed = passed
assignment-failed = exam failed, retake due
assignment-overdue = overdue
module-locked = [locked]
module-open = [open]
module-passed = [passed]
training-certified = Certified { $from }, expires { $until }
training-recertify = Certificate expires { $until }: pass every module again before then
training-expired = Certificate expired { $until }: pass every module again to renew it
records-imported = Imported { $imported } records; { $already } were already there; { $matched } matched to the roster by name.
unknown-person = No one on the roster has employee number { $no }. See courtesy roster list.
unknown-curriculum = No curriculum “{ $id }”. Curricula are in curricula/.
no-curriculum-for = No curriculum is for the { $role } job; name one with --curriculum.
records-open = Cannot open the training records at { $path }: { $detail }. Check the folder exists and can be written.
records-locked = Another program is holding the training records. Close it, or try again later.
records-read-only = The training records are read-only ({ $detail }). Check the disk or the file's permissions.
records-disk-full = The disk holding the training records is full. Free some space and try again.
records-newer = These training records were written by a newer courtesy (schema { $found }; this one knows up to { $known }) and were left untouched. Upgrade courtesy.
records-not-records = { $path } is not courtesy's training records, or it is damaged ({ $detail }). Name the right file with --db.
records-refused = Refused: { $detail }
records-other = Training records error: { $detail }
nothing-assigned = { $name } has no training left to do. See courtesy training, or enrol with courtesy enrol.
records-held = The training records cannot be written just now: { $detail } Play on; the records are retried every turn.
records-unwritten = { $count } records did not reach the training records; the result is in results.jsonl, and courtesy records import can bring it in later.
records-exported = Wrote { $count } xAPI statements to { $path }.
ui-my-training = My training
ui-not-on-roster = Not on the roster (type a name)
records-synced = Synced to { $to }: { $stored } rows stored, { $already } already there.
records-sync-needs-file = A sync sends this machine's records file to the server: --db must name the file, and --to the server.
validate-curricula = Checked { $count } curricula.
ui-records-held = Records held
play-contest-hint = Think this verdict is wrong? Type /contest and why; a trainer will review it.
play-contested = Your doubt is recorded; a trainer will review this turn's verdict. Carry on.
play-contest-needs-roster = A contest is recorded under your name: practise with --as EMPLOYEE_NO.
play-contest-nothing = Nothing answered yet, so no verdict to contest.
ui-contest = I think this verdict is wrong (F2)
ui-contested = Contested: a trainer will review this turn.

## Findings sheets (courtesy findings import)
sheet-at-column = row { $row }, column “{ $column }”
sheet-at-row = row { $row }
sheet-at-sheet = the sheet
sheet-missing-columns = no row in the first 20 has every heading the mapping names. Missing: { $missing }. The closest row has: { $found }. Check the firm (--firm) or the mapping's columns.
sheet-no-rows = there are headings but no rows under them.
sheet-empty = this cell is empty; the column needs a value.
sheet-bad-date = “{ $value }” is not a date; write it as 2026-11-03 (or 2026/11/3, 2026年11月3日).
sheet-bad-time = “{ $value }” is not a time of day; write it as 14:10.
sheet-bad-score = “{ $value }” is not a number.
sheet-unknown = “{ $value }” is not a word the mapping knows. It knows: { $known }. Fix the cell, or add the word to the mapping.
sheet-cell-error = the cell holds “{ $value }”: an error, or a formula saved without its value. Open the sheet in Excel, fix it and save it again.
sheet-conflict = “{ $value }” differs from “{ $first }” on row { $first_row } of the same visit.
sheet-no-visit = the first row has no visit number.
sheet-too-long = { $chars } characters; at most { $max } are kept.
sheet-unknown-site = “{ $value }” is not a site in the records. Add it with `courtesy roster add … --site “{ $value }”`, or use the site's name as the records spell it.
sheet-unknown-person = no one on the roster has the employee number or name “{ $value }” at this site. `courtesy roster list` shows the roster.
sheet-ambiguous-person = { $count } people at this site are called “{ $value }”; use the employee number.
sheet-open = cannot read the sheet: { $reason }
sheet-not-a-file = this is a folder or a special file, not a sheet.
sheet-too-large = the file is { $mib } MiB; sheets of up to { $max } MiB are read. Split it by month.
sheet-not-a-sheet = this is not a workbook courtesy can read ({ $reason }). Save it as .xlsx or .csv.
sheet-encoding = the CSV is neither UTF-8 nor GB18030. Save it again as “CSV UTF-8”.
sheet-no-sheet = the workbook has no worksheet.
sheet-write = cannot write the workbook: { $reason }
template-example-site = Sunshine Garden
template-example-shift = day
template-example-comment = The guard at gate 2 was asleep in the booth.
template-help-sheet = Help
template-help-category = Category
template-help-skills = Skills a failed item drills (scenario tags)
template-help-rows = One row per checked item. Rows with the same visit number are one visit; the visit's columns may be left empty (or merged) on its later rows.
template-help-dates = Dates as 2026-11-03, times as 14:10. The person is an employee number or a name on the roster; leave it empty to drill everyone at the site on that shift.
template-help-drills = A failed item assigns drills of its skills; courtesy findings import shows what it assigned.

## Drills from mystery-shopper findings
training-drills = Refresher drills from mystery-shopper findings
drill-due = to do ({ $done }/{ $needed } days passed)
drill-resting = passed today; the next exam counts from { $next } ({ $done }/{ $needed } days)
drill-overdue = overdue ({ $done }/{ $needed } days passed)
drill-escalated = failed { $failures } times in a row; your trainer will coach you
drill-paused = the finding is under appeal; nothing to do meanwhile
drill-passed = passed
drill-waived = waived by your trainer
drill-closed = the finding was closed
drill-line = Drill “{ $skill }”: { $state }, due { $due }
drill-seen = { $date } { $time } { $site }, { $channel }: { $comment }
drill-play = Pass one of these in exam mode: { $scenarios }
channel-visit = visit
channel-phone = phone
channel-home-call = home call

## courtesy findings / drills
validate-firms = Checked { $count } shopper-firm { $count ->
    [one] mapping
   *[other] mappings
}.
findings-imported = { $file } ({ $sheet }): stored { $findings } { $findings ->
    [one] finding
   *[other] findings
}, { $already } already in the records; { $drills } { $drills ->
    [one] drill
   *[other] drills
} assigned.
findings-dry-run = { $file } ({ $sheet }) is fine: { $findings } { $findings ->
    [one] finding
   *[other] findings
} and { $drills } { $drills ->
    [one] drill
   *[other] drills
} to assign. Nothing was stored (--dry-run).
findings-person = { $name } ({ $no }) { $what }
findings-nobody = Visit { $visit } has a failed item, but no one to drill: the sheet names no person, and no one on the roster works that shift at the site. Add the shift with `courtesy roster shift`.
findings-problems = { $count } { $count ->
    [one] problem
   *[other] problems
} in the sheet; nothing was imported. Fix the rows above and import the sheet again.
findings-sheet-error = { $file }: { $detail }
findings-unknown-firm = { $id ->
    [none] Name the shopper firm with --firm.
   *[other] No shopper firm “{ $id }”.
} Known: { $known }. Mappings live in curricula/shoppers/.
findings-unknown = No finding has the visit number or id “{ $id }”; `courtesy findings list` shows them.
findings-template-written = Wrote the import template of { $firm } to { $file }.
findings-status-set = Finding { $visit } is now { $status }.
findings-line = { $visit }  { $date }  { $site }  { $channel }  { $who }  failed { $failed }/{ $items }  { $status }
findings-none = No findings yet; import a shopper's sheet with `courtesy findings import`.
finding-imported = imported
finding-confirmed = confirmed
finding-appealed = under appeal
finding-closed = closed
drills-none = No drills.
drills-unknown = No single drill's id starts with “{ $id }”; `courtesy drills list` shows them.
drills-waive = Drill “{ $skill }” of { $name } waived: { $reason }
drills-resume = Drill “{ $skill }” of { $name } resumed: { $reason }
roster-shift-set = { $name } works the { $shift } shift from { $from }.
bad-date = “{ $value }” is not a date; write it as YYYY-MM-DD.

## courtesy review
review-none = No contested verdict is waiting for review.
review-head = [{ $id }] { $date }  { $who }  { $scenario }, turn { $turn }
review-turn = reply “{ $reply }” → { $verdict } (missed: { $missed }; said: { $hits })
review-comment = the trainee says: { $comment }
review-uphold = upheld by { $by } { $note }
review-overturn = overturned by { $by } { $note }
review-agreement = { $month }: { $reviewed } reviewed, { $upheld } upheld: trainers agreed with the engine { $percent } % of the time
review-uphold-done = Contest { $id }: the verdict stands.
review-overturn-done = Contest { $id }: the verdict is overturned.
review-proposed = The reply is proposed as an example in { $file }; `courtesy review merge { $scenario }` adds it to the scenario.
review-merged = Added { $count } { $count ->
    [one] example
   *[other] examples
} to { $file }.
review-rules-disagree = The rules still judge { $count } of them otherwise (warnings above, the scenario stays playable): adjust the rules, then `courtesy validate`.
review-unknown = No single contest's id starts with “{ $id }”; `courtesy review list` shows them.
review-nothing = No examples are proposed for { $id }.
review-edit-failed = Could not add the examples to { $file }: { $detail }. The file is unchanged.

## courtesy report
report-title = Training report: { $site }
report-site-all = all sites
report-sub = { $period } · { $people } people · { $findings } mystery-shopper findings
report-made = Made by courtesy on { $date }.
report-none = Nothing in this period.
report-sheet-summary = Summary
report-completion = Completion by site and curriculum
report-scenarios = Pass rate by scenario
report-categories = Rules met by category
report-missed = Required rules most often missed
report-said = Forbidden phrases most often said
report-drills = Refresher drills by site
report-persons = People
report-col-site = Site
report-col-curriculum = Curriculum
report-col-assigned = Enrolled
report-col-passed = Passed
report-col-in-progress = In progress
report-col-overdue = Overdue
report-col-scenario = Scenario
report-col-attempts = Attempts
report-col-rate = Pass rate %
report-col-category = Category
report-col-met = Met
report-col-missed = Missed
report-col-said = Forbidden said
report-col-rule = Rule
report-col-count = Times
report-col-open = To do
report-col-escalated = Escalated
report-col-other = Waived/paused/closed
report-col-no = Employee no.
report-col-name = Name
report-col-drills-open = Drills open
report-written = Wrote { $file }.
report-bad-month = “{ $value }” is not a month; write it as 2026-11.
report-unknown-site = No site is called “{ $value }”.
ui-trainer = Trainer: the month's training
ui-trainer-open = Trainer's report
ui-trainer-export = Export to Excel and a printable page
ui-trainer-loading = Reading the records…
ui-back = Back
report-history = History of { $name } ({ $no })
report-col-date = Date
report-col-mode = Mode
report-col-score = Score
report-col-verdict = Verdict
report-col-turns = Turns
report-unfinished = unfinished
report-exam = exam
report-practice = practice
ui-trainer-everyone = everyone
ui-finding-form = Enter a mystery-shopper finding
ui-finding-firm = Shopper firm
ui-finding-save = Save the finding
ui-finding-saved = Saved; { $drills } { $drills ->
    [one] drill
   *[other] drills
} assigned.
findings-more-people = and { $count } more { $count ->
    [one] person
   *[other] people
}; `courtesy drills list` shows everyone.
ui-review-queue = Contested verdicts to review ({ $count })
ui-review-uphold = The verdict stands
ui-review-overturn = Overturn: propose the reply as an example
ui-review-proposed = Proposed as an example in { $file }; `courtesy review merge` adds it to the scenario.
