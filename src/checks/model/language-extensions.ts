import { TemplateError } from './input-files';
import { isObject, Json, JsonObject } from './json';
import { MAX_FOR_EACH_COPY_BYTES, MAX_RESOURCES, MAX_TEMPLATE_BYTES } from './limits';
import type { TemplateModel } from './template-model';
import { evaluate } from './values';

const FOR_EACH = /^Fn::ForEach::/;

/**
 * Expands `Fn::ForEach` loops (the `AWS::LanguageExtensions` transform) in a Resources section.
 * A loop over a literal collection gives one resource per item; a loop over a collection only
 * known at deploy time gives one resource whose identifier stays undecided, so it is still checked.
 * Returns the resources and, for each generated logical ID, the loop key it came from.
 *
 * CloudFormation's limits apply to the processed template: a template that expands past 500
 * resources or 1 MB throws `TemplateError`, as soon as it does, so that loops over loops cost no
 * more than the template they are allowed to give.
 */
export function expandForEach(resources: JsonObject, scope: TemplateModel): { resources: JsonObject; origin: Map<string, string> } {
  if (!Object.keys(resources).some(k => FOR_EACH.test(k))) return { resources, origin: new Map() };
  const out: JsonObject = {};
  const origin = new Map<string, string>();
  const past = (problem: string) => new TemplateError(scope.templatePath, `Fn::ForEach loops ${problem}`);
  let count = 0;
  let generatedBytes = 0;
  let copiedBytes = 0;
  const visit = (map: JsonObject, loopKey: string | undefined) => {
    for (const [key, value] of Object.entries(map)) {
      if (FOR_EACH.test(key) && Array.isArray(value) && value.length === 3 && typeof value[0] === 'string' && isObject(value[2])) {
        const [identifier, collection, template] = value as [string, Json, JsonObject];
        const items = evaluate(collection, scope);
        const list = items.kind === 'literal' && Array.isArray(items.value) ? items.value : undefined;
        if (!list) {
          visit(template, loopKey ?? key);
          continue;
        }
        const size = JSON.stringify(template).length;
        for (const item of list) {
          if (typeof item !== 'string' && typeof item !== 'number') continue;
          copiedBytes += size;
          if (copiedBytes > MAX_FOR_EACH_COPY_BYTES) throw past(`copy more than ${MAX_FOR_EACH_COPY_BYTES} bytes as they expand, 4 times CloudFormation's limit for a template`);
          visit(substitute(template, identifier, String(item)) as JsonObject, loopKey ?? key);
        }
      } else {
        if (!(key in out) && ++count > MAX_RESOURCES) throw past(`give more than ${MAX_RESOURCES} resources, CloudFormation's limit for a template`);
        out[key] = value;
        if (loopKey) {
          origin.set(key, loopKey);
          generatedBytes += JSON.stringify(value).length + key.length;
          if (generatedBytes > MAX_TEMPLATE_BYTES) throw past(`give a template of more than ${MAX_TEMPLATE_BYTES} bytes, CloudFormation's limit for a template`);
        }
      }
    }
  };
  visit(resources, undefined);
  return { resources: out, origin };
}

/** Replaces a loop identifier in keys (`${Id}`, `&{Id}`), in `Ref Id` and in `Fn::Sub` strings. */
function substitute(value: Json, identifier: string, item: string): Json {
  if (Array.isArray(value)) return value.map(v => substitute(v, identifier, item));
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref' && value.Ref === identifier) return item;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    const key = k.split(`\${${identifier}}`).join(item).split(`&{${identifier}}`).join(item.replace(/[^A-Za-z0-9]/g, ''));
    out[key] = k === 'Fn::Sub' ? substituteSub(v, identifier, item) : substitute(v, identifier, item);
  }
  return out;
}

function substituteSub(value: Json, identifier: string, item: string): Json {
  const replace = (s: Json) => typeof s === 'string' ? s.split(`\${${identifier}}`).join(item) : substitute(s, identifier, item);
  return Array.isArray(value) ? value.map(replace) : replace(value);
}
