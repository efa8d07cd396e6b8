## courtesy — 繁體中文

error-prefix = 錯誤
severity-error = 錯誤
severity-warning = 警告
help-prefix = 修改方法

## 判定與評分
verdict-pass = 通過
verdict-fail = 未通過
score-of = （{ $score } 分）
your-reply = 您的回答：{ $reply }
hit-line = 禁語「{ $text }」（{ $category }；依據：{ $clause }）
suggestion-line = 應該說：{ $text }
required-met = 做到了：{ $category }「{ $rule }」
required-missed = 缺少：{ $category }（依據：{ $clause }）
clause-line = 依據：{ $clause }

## 原因
reason-met = 做到了「{ $rule }」。
reason-missed = 缺少「{ $rule }」。
reason-missed-critical = 缺少「{ $rule }」，這是必須做到的，本輪不通過。
reason-forbidden = 說了禁語「{ $text }」（{ $rule }）。
reason-forbidden-critical = 說了嚴重禁語「{ $text }」（{ $rule }），本輪不通過。
reason-good-choice = 選擇正確。
reason-bad-choice = 這個做法不符合規範。
reason-timed-out = 超時了：客戶沒有等到您的回應。
reason-below-pass-mark = 得分 { $score }，低於及格線 { $mark }。

## 場景畫面
speaker-unknown = 客戶
speaker-you = 您
speaker-with-mood = { $name }（{ $mood }）
ending-good = 結局（好）
ending-bad = 結局（差）
time-limit = 請在 { $seconds } 秒內回應。
time-limit-rings = 電話在響！請在響鈴 { $rings } 聲（{ $seconds } 秒）內接聽。
prompt-reply = 請輸入您的回答（回車發送）：
prompt-choice = 您會怎麼說？輸入序號：
prompt-action = 您會怎麼做？輸入序號：

## 講評
debrief-title = 講評
debrief-score = 總分 { $score }（及格線 { $mark }）：{ $verdict }
debrief-unfinished = 場景沒有走到結局。
debrief-bad-ending = 場景以差的結局收場。
debrief-critical = 嚴重問題：「{ $rule }」沒有做到或說了禁語，無論總分多少，本場景都不通過。
debrief-categories = 分項得分：
debrief-transcript = 全過程回放：
debrief-sources = 本場景依據：
transcript-timed-out = （超時，沒有回應）
model-answer = 正確做法：{ $text }（{ $clause }）

## 終端模式
play-briefing = 場景：{ $setting }　您的崗位：{ $role }　隨機種子：{ $seed }
play-invalid-scenario = 場景“{ $id }”有錯誤，請先用 courtesy validate 修正。
play-input-ended = 輸入已結束，場景尚未完成。進度已保存，可用 --resume 繼續。
play-read-error = 讀取輸入失敗：{ $detail }
play-invalid-utf8 = 這一行不是有效的 UTF-8 文本，已忽略，請重新輸入。
play-want-number = 請輸入選項前的序號。
play-save-failed = 無法保存進度（{ $detail }），繼續練習，但中斷後無法恢復。
play-no-scenario-in-file = 這個文件裡沒有可以播放的場景。
input-finished = 場景已經結束。
input-empty = 回答是空的，請輸入您要說的話。
input-too-long = 回答有 { $chars } 個字，超過上限 { $limit } 個字，請精簡後再發送。
input-no-such-option = 沒有第 { $given } 項，請輸入 1 到 { $count }。
input-wants-text = 這一輪需要您輸入回答，而不是選擇序號。
input-invalid-utf8 = 這一行不是有效的 UTF-8 文本。
unknown-scenario = 找不到場景“{ $id }”。用 courtesy list 查看所有場景。
unknown-node = 場景“{ $scenario }”裡沒有節點“{ $id }”。
no-scenarios = 在 { $dir } 裡沒有找到場景文件。
pick-scenario = 請選擇一個場景（輸入序號）：
pick-scenario-invalid = 沒有這個序號。
line-n = 第 { $n } 行

## check / validate / list
check-rules-invalid = 規則文件有錯誤，無法評分。
check-no-rules = 找不到規則集“{ $id }”。
validate-summary = 檢查了 { $scenarios } 個場景、{ $rulesets } 個規則集：{ $errors } 個錯誤，{ $warnings } 個警告。
list-bad-format = 不支持的格式“{ $format }”：可用 text、json 或 markdown。
catalogue-title = 場景目錄
catalogue-generated = 本頁由 `courtesy list --format markdown` 生成，請勿手工修改。
catalogue-col-title = 標題
catalogue-col-setting = 場景地點
catalogue-col-tags = 標籤
catalogue-col-sources = 依據

## 文件診斷（給培訓師）
diag-io = 無法讀取：{ $detail }
diag-io-help = 檢查路徑是否正確、文件是否存在且可讀。
diag-file-too-large = 文件太大（{ $size } 字節，上限 { $limit } 字節）。
diag-file-too-large-help = 一個文件只放一個場景；把長場景拆成幾個文件。
diag-invalid-utf8 = 文件不是 UTF-8 編碼（第 { $byte } 字節之後出現無效字節）。
diag-invalid-utf8-help = 用編輯器以 UTF-8 編碼重新保存該文件（不要用 GBK/Big5）。
diag-nul-byte = 文件中有 NUL 空字符。
diag-nul-byte-help = 刪除該字符；它通常來自複製粘貼或錯誤的編碼轉換。
diag-syntax = 格式錯誤：{ $detail }
diag-syntax-help = 檢查括號、引號和逗號是否成對、是否遺漏；可對照 docs/scenario-format.md 的完整示例。
diag-unknown-field = 未知字段：{ $detail }
diag-unknown-field-help = 字段名可能拼錯了；允許的字段見 docs/scenario-format.md。
diag-missing-field = 缺少字段：{ $detail }
diag-missing-field-help = 補上這個字段；必填字段見 docs/scenario-format.md。
diag-duplicate-field = 字段重複：{ $detail }
diag-duplicate-field-help = 同一個字段只能寫一次，刪掉多餘的那個。
diag-unknown-variant = 不認識的取值：{ $detail }
diag-unknown-variant-help = 只能使用列出的取值之一（注意大小寫）。
diag-wrong-type = 類型不對：{ $detail }
diag-wrong-type-help = 文字要加雙引號，列表用 [ ]，數字不加引號，true/false 小寫。
diag-too-deep = 嵌套層數太深：{ $detail }
diag-too-deep-help = 場景文件不需要這麼多層括號，檢查是否有未閉合的括號。
diag-duplicate-id = { $kind } 的 id “{ $id }” 重複了。
diag-duplicate-id-help = 每個 id 必須唯一，給其中一個改名。
diag-no-phrases = 規則“{ $rule }”沒有任何說法（phrases 為空）。
diag-no-phrases-help = 在 phrases 裡至少寫一種說法。
diag-empty-phrase = 規則“{ $rule }”的說法“{ $phrase }”去掉標點和空格後什麼也不剩。
diag-empty-phrase-help = 說法必須包含文字；只有標點的說法永遠匹配不到。
diag-id-filename = 場景 id “{ $id }”與文件名“{ $file }”不一致。
diag-id-filename-help = 把文件改名為 { $id }.ron，或把 id 改成 “{ $file }”。
diag-bad-pass-mark = 及格線 { $value } 超過了 100。
diag-bad-pass-mark-help = pass_mark 取 0 到 100 之間的數。
diag-unknown-rule-set = 找不到規則集“{ $id }”。
diag-unknown-rule-set-help = 規則集放在 scenarios/phrases/ 下，id 要與文件裡的 id 一致。
diag-unknown-speaker = 節點“{ $node }”的說話人“{ $id }”不在 cast 名單裡。
diag-unknown-speaker-help = 在 cast 里加上這個人，或改成已有的 id。
diag-bad-time-limit = 節點“{ $node }”的時限必須是大於 0 的秒數。
diag-bad-time-limit-help = 例如 time_limit: TimeLimit(seconds: 9, rings: 3)。
diag-no-prompt = 節點“{ $node }”既沒有 prompt 也沒有 ending。
diag-no-prompt-help = 給它加一個 prompt（讓學員回應），或把它寫成結局（ending）。
diag-ending-with-prompt = 結局節點“{ $node }”不能再有 prompt 或 next。
diag-ending-with-prompt-help = 結局就是終點：刪掉 prompt/next，或去掉 ending。
diag-unknown-rule = 節點“{ $node }”引用的規則“{ $id }”不存在。
diag-unknown-rule-help = 在場景的 rules 裡定義它，或在 apply 里加上含有它的規則集。
diag-no-options = 節點“{ $node }”的選項列表是空的。
diag-no-options-help = 至少寫兩個選項，其中一個 good: true。
diag-no-good-option = 節點“{ $node }”沒有正確選項（good: true）。
diag-no-good-option-help = 學員在這裡無論怎麼選都會失敗；通常應有一個正確做法。
diag-no-branch = 節點“{ $node }”沒有 next 分支，學員回應後無處可去。
diag-no-branch-help = 加上 next: [Branch(when: Passed, goto: "..."), Branch(when: Failed, goto: "...")]。
diag-non-exhaustive = 節點“{ $node }”的分支沒有覆蓋所有結果（通過、未通過、超時、每個選項）。
diag-non-exhaustive-help = 最後加一條 Branch(when: Always, goto: "...") 兜底，或同時寫 Passed 和 Failed。
diag-dangling-ref = 找不到節點“{ $id }”。
diag-dangling-ref-help = goto/start/node 必須寫已有節點的 id；檢查拼寫。
diag-unknown-option = 節點“{ $node }”裡沒有選項“{ $id }”。
diag-unknown-option-help = Chose(...) 裡寫的必須是本節點某個選項的 id。
diag-timeout-without-limit = 節點“{ $node }”有 TimedOut 分支，但沒有時限。
diag-timeout-without-limit-help = 加上 time_limit，或刪掉這個分支。
diag-unreachable = 從開始節點走不到節點“{ $node }”。
diag-unreachable-help = 從某個分支 goto 到它，或者刪掉它。
diag-dead-end = 從節點“{ $node }”走不到任何結局。
diag-dead-end-help = 確保每條路最終都能 goto 到一個帶 ending 的節點。
diag-bad-example = 示例用的節點“{ $node }”不是輸入回答（Reply）的節點。
diag-bad-example-help = 示例只能檢查 Reply 節點；選擇題不需要示例。
diag-example-mismatch = 示例“{ $reply }”應判為 { $expected }，實際為 { $got }（{ $score } 分；禁語：{ $hits }；缺少：{ $missed }；應命中而未命中：{ $expected-hits }）。
diag-example-mismatch-help = 要麼修改規則（說法、例外、位置），要麼修正示例的 expect/hits。
diag-model-fails = 節點“{ $node }”的正確做法按本節點的規則評不及格（{ $score } 分；禁語：{ $hits }；缺少：{ $missed }）。
diag-model-fails-help = 正確做法必須能通過本節點：修改正確做法的措辭，或調整 require/forbid 規則。

## 分類
category-greeting = 問候
category-courtesy = 禮貌用語
category-apology = 致歉
category-hold = 請稍候
category-thanks = 致謝
category-closing = 結束語
category-introduction = 自我介紹
category-address = 稱呼
category-etiquette = 禮儀舉止
category-procedure = 處理流程
category-deflection = 推諉
category-indifference = 冷漠
category-confrontation = 頂撞爭辯
category-impatience = 不耐煩
category-discrimination = 區別對待
category-careless-promise = 隨意承諾
category-privacy = 隱私
category-rudeness = 粗魯

## 場景地點
setting-gate-post = 大門崗
setting-front-desk = 前臺
setting-service-centre = 客服中心
setting-phone-call = 電話
setting-home-visit = 上門服務
setting-service-hall = 營業廳

## 情緒
mood-calm = 平靜
mood-friendly = 友好
mood-pleased = 滿意
mood-hurried = 著急
mood-confused = 困惑
mood-anxious = 焦慮
mood-impatient = 不耐煩
mood-annoyed = 惱火
mood-angry = 生氣

## 角色
role-owner = 業主
role-nonowner = 非業主
role-visitor = 訪客
role-caller = 來電人
role-customer = 客戶
role-resident = 住戶
role-colleague = 同事
role-manager = 經理
role-courier = 快遞員
role-inspector = 檢查人員
