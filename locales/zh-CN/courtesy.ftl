## courtesy — 简体中文（默认）

error-prefix = 错误
severity-error = 错误
severity-warning = 警告
help-prefix = 修改方法

## 判定与评分
verdict-pass = 通过
verdict-fail = 未通过
score-of = （{ $score } 分）
your-reply = 您的回答：{ $reply }
hit-line = 禁语「{ $text }」（{ $category }；依据：{ $clause }）
suggestion-line = 应该说：{ $text }
required-met = 做到了：{ $category }「{ $rule }」
required-missed = 缺少：{ $category }（依据：{ $clause }）
clause-line = 依据：{ $clause }

## 原因
reason-met = 做到了「{ $rule }」。
reason-missed = 缺少「{ $rule }」。
reason-missed-critical = 缺少「{ $rule }」，这是必须做到的，本轮不通过。
reason-forbidden = 说了禁语「{ $text }」（{ $rule }）。
reason-forbidden-critical = 说了严重禁语「{ $text }」（{ $rule }），本轮不通过。
reason-good-choice = 选择正确。
reason-bad-choice = 这个做法不符合规范。
reason-timed-out = 超时了：客户没有等到您的回应。
reason-below-pass-mark = 得分 { $score }，低于及格线 { $mark }。

## 场景画面
speaker-unknown = 客户
speaker-you = 您
speaker-with-mood = { $name }（{ $mood }）
ending-good = 结局（好）
ending-bad = 结局（差）
time-limit = 请在 { $seconds } 秒内回应。
time-limit-rings = 电话在响！请在响铃 { $rings } 声（{ $seconds } 秒）内接听。
prompt-reply = 请输入您的回答（回车发送）：
prompt-choice = 您会怎么说？输入序号：
prompt-action = 您会怎么做？输入序号：

## 讲评
debrief-title = 讲评
debrief-score = 总分 { $score }（及格线 { $mark }）：{ $verdict }
debrief-unfinished = 场景没有走到结局。
debrief-bad-ending = 场景以差的结局收场。
debrief-critical = 严重问题（{ $category }）：「{ $rule }」——这一条没有做到或说了禁语，无论总分多少，本场景都不通过。
debrief-categories = 分项得分：
debrief-transcript = 全过程回放：
debrief-sources = 本场景依据：
transcript-timed-out = （超时，没有回应）
model-answer = 正确做法：{ $text }（{ $clause }）

## 终端模式
play-briefing = 场景：{ $setting }　您的岗位：{ $role }　随机种子：{ $seed }
play-invalid-scenario = 场景“{ $id }”有错误，请先用 courtesy validate 修正。
play-input-ended = 输入已结束，场景尚未完成。进度已保存，可用 --resume 继续。
play-read-error = 读取输入失败：{ $detail }
play-invalid-utf8 = 这一行不是有效的 UTF-8 文本，已忽略，请重新输入。
play-want-number = 请输入选项前的序号。
play-save-failed = 无法保存进度（{ $detail }），继续练习，但中断后无法恢复。
play-result-save-failed = 无法记录成绩（{ $detail }）。
play-no-scenario-in-file = 这个文件里没有可以播放的场景。
input-finished = 场景已经结束。
input-empty = 回答是空的，请输入您要说的话。
input-too-long = 回答有 { $chars } 个字，超过上限 { $limit } 个字，请精简后再发送。
input-no-such-option = 没有第 { $given } 项，请输入 1 到 { $count }。
input-wants-text = 这一轮需要您输入回答，而不是选择序号。
input-invalid-utf8 = 这一行不是有效的 UTF-8 文本。
unknown-scenario = 找不到场景“{ $id }”。用 courtesy list 查看所有场景。
unknown-node = 场景“{ $scenario }”里没有节点“{ $id }”。
no-scenarios = 在 { $dir } 里没有找到场景文件。
pick-scenario = 请选择一个场景（输入序号）：
pick-scenario-invalid = 没有这个序号。
line-n = 第 { $n } 行

## check / validate / list
check-rules-invalid = 规则文件有错误，无法评分。
check-no-rules = 找不到规则集“{ $id }”。
validate-summary = 检查了 { $scenarios } 个场景、{ $rulesets } 个规则集：{ $errors } 个错误，{ $warnings } 个警告。
list-bad-format = 不支持的格式“{ $format }”：可用 text、json 或 markdown。
catalogue-title = 场景目录
catalogue-generated = 本页由 `courtesy list --format markdown` 生成，请勿手工修改。
catalogue-col-title = 标题
catalogue-col-setting = 场景地点
catalogue-col-tags = 标签
catalogue-col-sources = 依据

## 游戏界面
ui-title = courtesy · 服务礼仪训练
ui-subtitle = 从服务手册里来的真实情景：说对的话，做对的事。
ui-name = 学员姓名
ui-name-hint = 请输入您的姓名
ui-mode = 模式
ui-mode-practice = 练习（每轮讲评）
ui-mode-exam = 考试（最后讲评）
ui-language = 语言
ui-setting = 场景地点
ui-all = 全部
ui-tag = 标签
ui-search = 搜索
ui-search-hint = 按标题搜索
ui-scenario-count = 共 { $n } 个场景
ui-no-scenarios = 没有符合条件的场景。
ui-start = 开始
ui-keys-menu = 双击或按回车开始所选场景
ui-your-role = 您的岗位
ui-cast = 出场人物
ui-pass-mark = 及格线
ui-sources = 手册要求（依据）
ui-begin = 开始练习（回车）
ui-menu = 返回菜单
ui-state-standing = 站立
ui-state-sitting = 坐着
ui-state-asleep = 睡着了
ui-state-chatting = 正在聊QQ
ui-state-reading = 正在看报纸
ui-state-away = 不在岗位上
ui-state-onphone = 正在打电话
ui-turn = 第 { $n } 轮
ui-ringing = 电话在响：第 { $ring } / { $rings } 声，还剩 { $left } 秒
ui-time-left = 还剩 { $left } 秒
ui-reply-label = 您的回答：
ui-reply-hint = 用您自己的话回答（支持中文输入法）
ui-send = 发送
ui-keys-reply = 回车发送，Shift+回车换行
ui-keys-options = 点击选项，或按数字键 1–9
ui-feedback-title = 本轮讲评
ui-see-feedback = 讲评在右侧；按回车继续。
ui-continue = 继续（回车）
ui-to-debrief = 查看总讲评（回车）
ui-retry = 再练一次
ui-next = 下一个场景
ui-keys-debrief = R 再练一次 · N 下一个 · Esc 菜单
ui-diagnostics = 场景文件诊断
ui-diagnostics-none = 所有场景文件都没有问题。
ui-reloaded = 已加载 { $n } 次（保存文件后自动重新加载）
ui-no-display = 没有可用的图形显示（DISPLAY 未设置），改用终端模式。
ui-resume-offer = 上次的练习没有完成：{ $title }（已答 { $n } 轮）。
ui-resume = 从中断处继续（F5）
ui-progress-problem = 进度无法保存：{ $detail }
ui-no-name = 未填姓名
ui-result-recorded = 成绩已记录。

## 文件诊断（给培训师）
diag-io = 无法读取：{ $detail }
diag-io-help = 检查路径是否正确、文件是否存在且可读。
diag-file-too-large = 文件太大（{ $size } 字节，上限 { $limit } 字节）。
diag-file-too-large-help = 一个文件只放一个场景；把长场景拆成几个文件。
diag-invalid-utf8 = 文件不是 UTF-8 编码（第 { $byte } 字节之后出现无效字节）。
diag-invalid-utf8-help = 用编辑器以 UTF-8 编码重新保存该文件（不要用 GBK/Big5）。
diag-nul-byte = 文件中有 NUL 空字符。
diag-nul-byte-help = 删除该字符；它通常来自复制粘贴或错误的编码转换。
diag-syntax = 格式错误：{ $detail }
diag-syntax-help = 检查括号、引号和逗号是否成对、是否遗漏；可对照 docs/scenario-format.md 的完整示例。
diag-unknown-field = 未知字段：{ $detail }
diag-unknown-field-help = 字段名可能拼错了；允许的字段见 docs/scenario-format.md。
diag-missing-field = 缺少字段：{ $detail }
diag-missing-field-help = 补上这个字段；必填字段见 docs/scenario-format.md。
diag-duplicate-field = 字段重复：{ $detail }
diag-duplicate-field-help = 同一个字段只能写一次，删掉多余的那个。
diag-unknown-variant = 不认识的取值：{ $detail }
diag-unknown-variant-help = 只能使用列出的取值之一（注意大小写）。
diag-wrong-type = 类型不对：{ $detail }
diag-wrong-type-help = 文字要加双引号，列表用 [ ]，数字不加引号，true/false 小写。
diag-too-deep = 嵌套层数太深：{ $detail }
diag-too-deep-help = 场景文件不需要这么多层括号，检查是否有未闭合的括号。
diag-duplicate-id = { $kind } 的 id “{ $id }” 重复了。
diag-duplicate-id-help = 每个 id 必须唯一，给其中一个改名。
diag-no-phrases = 规则“{ $rule }”没有任何说法（phrases 为空）。
diag-no-phrases-help = 在 phrases 里至少写一种说法。
diag-empty-phrase = 规则“{ $rule }”的说法“{ $phrase }”去掉标点和空格后什么也不剩。
diag-empty-phrase-help = 说法必须包含文字；只有标点的说法永远匹配不到。
diag-id-filename = 场景 id “{ $id }”与文件名“{ $file }”不一致。
diag-id-filename-help = 把文件改名为 { $id }.ron，或把 id 改成 “{ $file }”。
diag-bad-pass-mark = 及格线 { $value } 超过了 100。
diag-bad-pass-mark-help = pass_mark 取 0 到 100 之间的数。
diag-unknown-rule-set = 找不到规则集“{ $id }”。
diag-unknown-rule-set-help = 规则集放在 scenarios/phrases/ 下，id 要与文件里的 id 一致。
diag-unknown-speaker = 节点“{ $node }”的说话人“{ $id }”不在 cast 名单里。
diag-unknown-speaker-help = 在 cast 里加上这个人，或改成已有的 id。
diag-bad-time-limit = 节点“{ $node }”的时限必须是大于 0 的秒数。
diag-bad-time-limit-help = 例如 time_limit: TimeLimit(seconds: 9, rings: 3)。
diag-no-prompt = 节点“{ $node }”既没有 prompt 也没有 ending。
diag-no-prompt-help = 给它加一个 prompt（让学员回应），或把它写成结局（ending）。
diag-ending-with-prompt = 结局节点“{ $node }”不能再有 prompt 或 next。
diag-ending-with-prompt-help = 结局就是终点：删掉 prompt/next，或去掉 ending。
diag-unknown-rule = 节点“{ $node }”引用的规则“{ $id }”不存在。
diag-unknown-rule-help = 在场景的 rules 里定义它，或在 apply 里加上含有它的规则集。
diag-no-options = 节点“{ $node }”的选项列表是空的。
diag-no-options-help = 至少写两个选项，其中一个 good: true。
diag-no-good-option = 节点“{ $node }”没有正确选项（good: true）。
diag-no-good-option-help = 学员在这里无论怎么选都会失败；通常应有一个正确做法。
diag-no-branch = 节点“{ $node }”没有 next 分支，学员回应后无处可去。
diag-no-branch-help = 加上 next: [Branch(when: Passed, goto: "..."), Branch(when: Failed, goto: "...")]。
diag-non-exhaustive = 节点“{ $node }”的分支没有覆盖所有结果（通过、未通过、超时、每个选项）。
diag-non-exhaustive-help = 最后加一条 Branch(when: Always, goto: "...") 兜底，或同时写 Passed 和 Failed。
diag-dangling-ref = 找不到节点“{ $id }”。
diag-dangling-ref-help = goto/start/node 必须写已有节点的 id；检查拼写。
diag-unknown-option = 节点“{ $node }”里没有选项“{ $id }”。
diag-unknown-option-help = Chose(...) 里写的必须是本节点某个选项的 id。
diag-timeout-without-limit = 节点“{ $node }”有 TimedOut 分支，但没有时限。
diag-timeout-without-limit-help = 加上 time_limit，或删掉这个分支。
diag-unreachable = 从开始节点走不到节点“{ $node }”。
diag-unreachable-help = 从某个分支 goto 到它，或者删掉它。
diag-dead-end = 从节点“{ $node }”走不到任何结局。
diag-dead-end-help = 确保每条路最终都能 goto 到一个带 ending 的节点。
diag-bad-example = 示例用的节点“{ $node }”不是输入回答（Reply）的节点。
diag-bad-example-help = 示例只能检查 Reply 节点；选择题不需要示例。
diag-example-mismatch = 示例“{ $reply }”应判为 { $expected }，实际为 { $got }（{ $score } 分；禁语：{ $hits }；缺少：{ $missed }；应命中而未命中：{ $expected-hits }）。
diag-example-mismatch-help = 要么修改规则（说法、例外、位置），要么修正示例的 expect/hits。
diag-model-fails = 节点“{ $node }”的正确做法按本节点的规则评不及格（{ $score } 分；禁语：{ $hits }；缺少：{ $missed }）。
diag-model-fails-help = 正确做法必须能通过本节点：修改正确做法的措辞，或调整 require/forbid 规则。

## 分类
category-greeting = 问候
category-courtesy = 礼貌用语
category-apology = 致歉
category-hold = 请稍候
category-thanks = 致谢
category-closing = 结束语
category-introduction = 自我介绍
category-address = 称呼
category-etiquette = 礼仪举止
category-procedure = 处理流程
category-deflection = 推诿
category-indifference = 冷漠
category-confrontation = 顶撞争辩
category-impatience = 不耐烦
category-discrimination = 区别对待
category-careless-promise = 随意承诺
category-privacy = 隐私
category-rudeness = 粗鲁

## 场景地点
setting-gate-post = 大门岗
setting-front-desk = 前台
setting-service-centre = 客服中心
setting-phone-call = 电话
setting-home-visit = 上门服务
setting-service-hall = 营业厅

## 情绪
mood-calm = 平静
mood-friendly = 友好
mood-pleased = 满意
mood-hurried = 着急
mood-confused = 困惑
mood-anxious = 焦虑
mood-impatient = 不耐烦
mood-annoyed = 恼火
mood-angry = 生气

## 角色
role-owner = 业主
role-nonowner = 非业主
role-visitor = 访客
role-caller = 来电人
role-customer = 客户
role-resident = 住户
role-colleague = 同事
role-manager = 经理
role-courier = 快递员
role-inspector = 检查人员
