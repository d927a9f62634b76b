{{ splitList `;` `;bab` | toJson }}
{{ splitList `;` `b- ;aé é` | toJson }}
{{ splitList `é` `;aa a` | toJson }}
{{ splitList `;` `,,aa;` | toJson }}
{{ splitList `,` `,a,,;; -;` | toJson }}
{{ splitList `ab` `éé日b;ab,;` | toJson }}
{{ splitList `é` `ab日ab ` | toJson }}
{{ splitList `` `` | toJson }}
{{ splitList `ab` `` | toJson }}
{{ splitList `,` `abééb日;` | toJson }}
{{ splitList `é` `abab,,,, abab` | toJson }}
{{ splitList `ab` `,-,,-ab日ab` | toJson }}
{{ splitList `é` `--aab` | toJson }}
{{ splitList `,` ` é;,, ; ` | toJson }}
{{ splitList `` `日日` | toJson }}
{{ splitList `,` `é` | toJson }}
{{ splitList `,` `,,a-日` | toJson }}
{{ splitList `,` `é-aba;` | toJson }}
{{ splitList `,` `bb,-日` | toJson }}
{{ splitList `é` `;a,,,ab` | toJson }}
{{ splitList `` `-日日,,` | toJson }}
{{ splitList `ab` `;` | toJson }}
{{ splitList `ab` `abaab` | toJson }}
{{ splitList `;` `;日日` | toJson }}
{{ splitList `;` `-é` | toJson }}
{{ splitList `,` `  ,,` | toJson }}
{{ splitList `,` `日,,é,, ` | toJson }}
{{ splitList `` `ab` | toJson }}
{{ splitList `` `-日a-b b,,` | toJson }}
{{ splitList `;` `日é;a` | toJson }}
{{ splitList `,` `,,,,,,-ab;` | toJson }}
{{ splitList `,` `` | toJson }}
{{ splitList `ab` `` | toJson }}
{{ splitList `,` `` | toJson }}
{{ splitList `,` `` | toJson }}
{{ splitList `é` `éaaba,,` | toJson }}
{{ splitList `;` `;--ab,,,,-` | toJson }}
{{ splitList `;` `;日` | toJson }}
{{ splitList `,` `,, a` | toJson }}
{{ splitList `` `日baab,` | toJson }}
