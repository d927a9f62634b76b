{{ replace `,,-` `` `é;,, aé` | quote }}
{{ replace `é,` `  ` `` | quote }}
{{ replace `;ab` `` `,,,;日 bé` | quote }}
{{ replace `,` `` `,,ab,,-` | quote }}
{{ replace `` `日 ` `,,,,-,,,ab,,` | quote }}
{{ replace `ab` `` `,aéb` | quote }}
{{ replace `日` `,,,` ` ,, é;ab` | quote }}
{{ replace `bb` `日,` `日,  ,,aba` | quote }}
{{ replace `;ab` ` ` `-é,ab-,` | quote }}
{{ replace `` `ab` `; é éb日a` | quote }}
{{ replace ` -` ` ` `,,b,日,,` | quote }}
{{ replace `ab` ` ,,` `é,` | quote }}
{{ replace `,` `;;` ` ,b` | quote }}
{{ replace `b日` `` `,é,,é-日a` | quote }}
{{ replace ` ` ` -` `ab日é-` | quote }}
{{ replace `` `` `, , b,,b` | quote }}
{{ replace `éé` `,,` `abé,,ab ` | quote }}
{{ replace ` ` `日,,` `,;,,` | quote }}
{{ replace `` `;a` `abaé日a` | quote }}
{{ replace `é` `ab` `;-;é日日` | quote }}
{{ replace `,a` `é` `;bab` | quote }}
{{ replace `日` `` `b日aé` | quote }}
{{ replace `` `,` `,,` | quote }}
{{ replace `,é` `` `日é,,,,-;` | quote }}
{{ replace `` `` `,,,` | quote }}
{{ replace `` `` `ab,,,日,éab` | quote }}
{{ replace `éab` `` `` | quote }}
{{ replace `,` `` ` ab ` | quote }}
{{ replace `` `b,` ` ab,;é,-é` | quote }}
{{ replace `` ` ` `` | quote }}
{{ replace ` ;` `;;` `` | quote }}
{{ replace `-a` `,,` `bbb` | quote }}
{{ replace `é` `` `ab,, -,日é` | quote }}
{{ replace `é日` `日` `,,;;b,` | quote }}
{{ replace `` `` `` | quote }}
{{ replace `` `日 ` `abba,,,aa` | quote }}
{{ replace `-` `,` `é日é` | quote }}
{{ replace `a,,` `,` `éabaéb;b日` | quote }}
{{ replace `` `` `,,-a ` | quote }}
{{ replace `a ` `` `b ,,ab,,b` | quote }}
