{{ contains ` ;,,` `` }} {{ hasPrefix `a日ab` `` }} {{ hasSuffix `a` `b-ab` }}
{{ contains `` `ab` }} {{ hasPrefix `` `` }} {{ hasSuffix `é-` `` }}
{{ contains `abéé` `é` }} {{ hasPrefix `é` `;` }} {{ hasSuffix `-` `,,é` }}
{{ contains `aba` `-;,` }} {{ hasPrefix `,` `` }} {{ hasSuffix `日;` `,` }}
{{ contains `` `日;` }} {{ hasPrefix `a` `;日b` }} {{ hasSuffix `;-` `ébb` }}
{{ contains `` `b` }} {{ hasPrefix `,, a` ` ` }} {{ hasSuffix `,,b;` `` }}
{{ contains `-` `,,` }} {{ hasPrefix `--` `--` }} {{ hasSuffix `` `` }}
{{ contains `` `a;b` }} {{ hasPrefix ` -` `` }} {{ hasSuffix `b` `a` }}
{{ contains `,` `` }} {{ hasPrefix `a,,;` `,,,a` }} {{ hasSuffix `,` `` }}
{{ contains `` `é` }} {{ hasPrefix `` `;日` }} {{ hasSuffix `` `é-` }}
{{ contains `日,,,,` `-b,` }} {{ hasPrefix `ab日,` `,,` }} {{ hasSuffix `` `` }}
{{ contains `,;` `日a` }} {{ hasPrefix `ab ,,` `` }} {{ hasSuffix `` `,,` }}
{{ contains `,,日,,` `aba` }} {{ hasPrefix `;` `日-` }} {{ hasSuffix `` `;,,` }}
{{ contains `;` `` }} {{ hasPrefix ` ` `a` }} {{ hasSuffix `-a,` `` }}
{{ contains `` ` ,;` }} {{ hasPrefix `b日;` `` }} {{ hasSuffix `é` ` ,,é` }}
{{ contains `ab; ` `日é` }} {{ hasPrefix `ab;日` `` }} {{ hasSuffix `ab` `ba` }}
{{ contains `ab a` `b; ` }} {{ hasPrefix `,,b` `a-` }} {{ hasSuffix `,ab` `日` }}
{{ contains ` ;` `日a,,` }} {{ hasPrefix `b-` `aab` }} {{ hasSuffix `` `,,,` }}
{{ contains `-` `` }} {{ hasPrefix ` ` `日 ` }} {{ hasSuffix `bab ` `` }}
{{ contains `` `` }} {{ hasPrefix `` `a-` }} {{ hasSuffix `,,,` `abéa` }}
{{ contains `é;;` `aa` }} {{ hasPrefix `,,;日` `,` }} {{ hasSuffix `b` `a,é` }}
{{ contains `` `,,ab,,` }} {{ hasPrefix `a` `;-,,` }} {{ hasSuffix `;aab` `日日,,` }}
{{ contains `- é` `` }} {{ hasPrefix `` `日,日` }} {{ hasSuffix `,,` `-` }}
{{ contains ` -é` `日,,日` }} {{ hasPrefix `;é` `-` }} {{ hasSuffix `` `` }}
{{ contains `日,` `ab-` }} {{ hasPrefix `a, ` `` }} {{ hasSuffix `,` `` }}
{{ contains `a,b` `` }} {{ hasPrefix `,, a` `` }} {{ hasSuffix `a,,` `;éab` }}
{{ contains `béé` `日-b` }} {{ hasPrefix ` ` `日日` }} {{ hasSuffix `ab-,` `a` }}
{{ contains `é日` `` }} {{ hasPrefix `ab,` `b` }} {{ hasSuffix ` ` `é` }}
{{ contains `;` `,,` }} {{ hasPrefix `日 é` `` }} {{ hasSuffix `` `` }}
{{ contains `;,` `日` }} {{ hasPrefix `,,ab-` `abé ` }} {{ hasSuffix `bab` `` }}
{{ contains `,,` `,ba` }} {{ hasPrefix `` `` }} {{ hasSuffix `-` ` ` }}
{{ contains `,,,,-` `,,日` }} {{ hasPrefix `` ` ;b` }} {{ hasSuffix `,ab` `` }}
{{ contains `a-é` `` }} {{ hasPrefix `éaba` `日a` }} {{ hasSuffix `b日日` `` }}
{{ contains `` `` }} {{ hasPrefix `é,日` `` }} {{ hasSuffix `-` `,ab ` }}
{{ contains `abab` `a日` }} {{ hasPrefix `,é,` `日ab,,` }} {{ hasSuffix `,,` `` }}
{{ contains `-日 ` `` }} {{ hasPrefix `,-` `-b-` }} {{ hasSuffix `` `` }}
{{ contains `` `, ;` }} {{ hasPrefix `a` `b` }} {{ hasSuffix `` `` }}
{{ contains `` `` }} {{ hasPrefix `` `日,` }} {{ hasSuffix `ba` `abab;` }}
{{ contains `,,` `,éab` }} {{ hasPrefix `,,ab,` `,,b` }} {{ hasSuffix `` `` }}
{{ contains `b ` `` }} {{ hasPrefix `` `` }} {{ hasSuffix `,,-` ` 日` }}
