// GENERATED FILE — do not edit. Regenerate with `npm run gen:validators` (scripts/gen-validators.mjs) from schema/syncctl.schema.json.
/* eslint-disable */
// @ts-nocheck
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
export const Connection = validate28;
const schema12 = {"title":"ConnectionDocument","description":"A named account of an app. Several accounts of one app are several connections.","type":"object","additionalProperties":false,"required":["apiVersion","kind","name","connector","options"],"properties":{"apiVersion":{"$ref":"#/definitions/ApiVersion"},"kind":{"type":"string","const":"Connection"},"name":{"$ref":"#/definitions/Name"},"description":{"type":"string","maxLength":500},"connector":{"$ref":"#/definitions/ConnectorName"},"options":{"type":"object"}},"allOf":[{"if":{"properties":{"connector":{"const":"sqlite"}},"required":["connector"]},"then":{"properties":{"options":{"$ref":"#/definitions/SqliteOptions"}}}},{"if":{"properties":{"connector":{"const":"hubspot"}},"required":["connector"]},"then":{"properties":{"options":{"$ref":"#/definitions/HubspotOptions"}}}}]};
const schema19 = {"type":"string","const":"syncctl/v1","description":"Version of the definition format. Only syncctl/v1 exists."};
const schema20 = {"type":"string","pattern":"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$","description":"Lower-case letters, digits and dashes; starts and ends with a letter or digit; at most 63 characters."};
const schema21 = {"type":"string","enum":["sqlite","hubspot"],"description":"Which connector talks to the app."};
const schema13 = {"title":"SqliteConnectionOptions","description":"A SQLite database file of the user's own: each object is a table.","type":"object","additionalProperties":false,"required":["path"],"properties":{"path":{"type":"string","minLength":1,"description":"Path of the database file, relative to the definition file."},"objects":{"type":"object","description":"Per object: its table and columns. An object not listed is a table of the same name with columns id and updated_at.","propertyNames":{"pattern":"^[A-Za-z_][A-Za-z0-9_]*$"},"additionalProperties":{"$ref":"#/definitions/SqliteObject"}},"associations":{"type":"object","description":"Per association, keyed `<from>-<to>` by this app's object names (e.g. customers-accounts): its link table. The table also serves the reverse direction. Not listed: a table `<from>_<to>` (or `<to>_<from>`) with columns `<from>_id` and `<to>_id` (singular, e.g. customer_id, or as named) and an optional is_primary.","propertyNames":{"pattern":"^[A-Za-z_][A-Za-z0-9_]*-[A-Za-z_][A-Za-z0-9_]*$","description":"Keys here are two object names joined by a dash, `<from>-<to>`, e.g. customers-accounts."},"additionalProperties":{"$ref":"#/definitions/SqliteAssociation"}}}};
const schema14 = {"title":"SqliteObjectOptions","type":"object","additionalProperties":false,"properties":{"table":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$","description":"Table name; defaults to the object name."},"id":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$","default":"id","description":"Primary key column."},"updatedAt":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$","default":"updated_at","description":"Column holding the last-modified time."},"columns":{"type":"object","description":"Property name -> column name, where they differ.","additionalProperties":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$"}}}};
const schema15 = {"title":"SqliteAssociationOptions","description":"The link table of one association: a row per associated pair.","type":"object","additionalProperties":false,"required":["table"],"properties":{"table":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$","description":"Link table name."},"fromColumn":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$","description":"Column holding the id of the `<from>` record; defaults to `<from>_id` (singular first: customer_id, then customers_id)."},"toColumn":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$","description":"Column holding the id of the `<to>` record; defaults to `<to>_id` (singular first: account_id, then accounts_id)."},"primaryColumn":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$","description":"0/1 column marking the `<from>` record's primary association; defaults to is_primary when the table has it. Without one every association counts as primary."}}};
const func2 = require("ajv/dist/runtime/ucs2length").default;
const pattern0 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*$", "u");
const pattern5 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*-[A-Za-z_][A-Za-z0-9_]*$", "u");

function validate12(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.path === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'",schema:schema13.required,parentSchema:schema13,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "path") || (key0 === "objects")) || (key0 === "associations"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema13,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.path !== undefined){
let data0 = data.path;
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err2 = {instancePath:instancePath+"/path",schemaPath:"#/properties/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema13.properties.path,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/path",schemaPath:"#/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.path.type,parentSchema:schema13.properties.path,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.objects !== undefined){
let data1 = data.objects;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
for(const key1 in data1){
const _errs6 = errors;
if(typeof key1 === "string"){
if(!pattern0.test(key1)){
const err4 = {instancePath:instancePath+"/objects",schemaPath:"#/properties/objects/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema13.properties.objects.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var valid1 = _errs6 === errors;
if(!valid1){
const err5 = {instancePath:instancePath+"/objects",schemaPath:"#/properties/objects/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema13.properties.objects.propertyNames,parentSchema:schema13.properties.objects,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
for(const key2 in data1){
let data2 = data1[key2];
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key3 in data2){
if(!((((key3 === "table") || (key3 === "id")) || (key3 === "updatedAt")) || (key3 === "columns"))){
const err6 = {instancePath:instancePath+"/objects/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/SqliteObject/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema14,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data2.table !== undefined){
let data3 = data2.table;
if(typeof data3 === "string"){
if(!pattern0.test(data3)){
const err7 = {instancePath:instancePath+"/objects/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/table",schemaPath:"#/definitions/SqliteObject/properties/table/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema14.properties.table,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/objects/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/table",schemaPath:"#/definitions/SqliteObject/properties/table/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.table.type,parentSchema:schema14.properties.table,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data2.id !== undefined){
let data4 = data2.id;
if(typeof data4 === "string"){
if(!pattern0.test(data4)){
const err9 = {instancePath:instancePath+"/objects/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/id",schemaPath:"#/definitions/SqliteObject/properties/id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema14.properties.id,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/objects/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/id",schemaPath:"#/definitions/SqliteObject/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.id.type,parentSchema:schema14.properties.id,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data2.updatedAt !== undefined){
let data5 = data2.updatedAt;
if(typeof data5 === "string"){
if(!pattern0.test(data5)){
const err11 = {instancePath:instancePath+"/objects/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/updatedAt",schemaPath:"#/definitions/SqliteObject/properties/updatedAt/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema14.properties.updatedAt,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/objects/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/updatedAt",schemaPath:"#/definitions/SqliteObject/properties/updatedAt/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.updatedAt.type,parentSchema:schema14.properties.updatedAt,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data2.columns !== undefined){
let data6 = data2.columns;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
for(const key4 in data6){
let data7 = data6[key4];
if(typeof data7 === "string"){
if(!pattern0.test(data7)){
const err13 = {instancePath:instancePath+"/objects/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/columns/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/SqliteObject/properties/columns/additionalProperties/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema14.properties.columns.additionalProperties,data:data7};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/objects/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/columns/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/SqliteObject/properties/columns/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.columns.additionalProperties.type,parentSchema:schema14.properties.columns.additionalProperties,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/objects/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/columns",schemaPath:"#/definitions/SqliteObject/properties/columns/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema14.properties.columns.type,parentSchema:schema14.properties.columns,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath:instancePath+"/objects/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/SqliteObject/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema14.type,parentSchema:schema14,data:data2};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath:instancePath+"/objects",schemaPath:"#/properties/objects/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema13.properties.objects.type,parentSchema:schema13.properties.objects,data:data1};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.associations !== undefined){
let data8 = data.associations;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
for(const key5 in data8){
const _errs25 = errors;
if(typeof key5 === "string"){
if(!pattern5.test(key5)){
const err18 = {instancePath:instancePath+"/associations",schemaPath:"#/properties/associations/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*-[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*-[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*-[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema13.properties.associations.propertyNames,data:key5,propertyName:key5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
var valid6 = _errs25 === errors;
if(!valid6){
const err19 = {instancePath:instancePath+"/associations",schemaPath:"#/properties/associations/propertyNames",keyword:"propertyNames",params:{propertyName: key5},message:"property name must be valid",schema:schema13.properties.associations.propertyNames,parentSchema:schema13.properties.associations,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
for(const key6 in data8){
let data9 = data8[key6];
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
if(data9.table === undefined){
const err20 = {instancePath:instancePath+"/associations/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/SqliteAssociation/required",keyword:"required",params:{missingProperty: "table"},message:"must have required property '"+"table"+"'",schema:schema15.required,parentSchema:schema15,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
for(const key7 in data9){
if(!((((key7 === "table") || (key7 === "fromColumn")) || (key7 === "toColumn")) || (key7 === "primaryColumn"))){
const err21 = {instancePath:instancePath+"/associations/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/SqliteAssociation/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema15,data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data9.table !== undefined){
let data10 = data9.table;
if(typeof data10 === "string"){
if(!pattern0.test(data10)){
const err22 = {instancePath:instancePath+"/associations/" + key6.replace(/~/g, "~0").replace(/\//g, "~1")+"/table",schemaPath:"#/definitions/SqliteAssociation/properties/table/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema15.properties.table,data:data10};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/associations/" + key6.replace(/~/g, "~0").replace(/\//g, "~1")+"/table",schemaPath:"#/definitions/SqliteAssociation/properties/table/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.table.type,parentSchema:schema15.properties.table,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data9.fromColumn !== undefined){
let data11 = data9.fromColumn;
if(typeof data11 === "string"){
if(!pattern0.test(data11)){
const err24 = {instancePath:instancePath+"/associations/" + key6.replace(/~/g, "~0").replace(/\//g, "~1")+"/fromColumn",schemaPath:"#/definitions/SqliteAssociation/properties/fromColumn/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema15.properties.fromColumn,data:data11};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/associations/" + key6.replace(/~/g, "~0").replace(/\//g, "~1")+"/fromColumn",schemaPath:"#/definitions/SqliteAssociation/properties/fromColumn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.fromColumn.type,parentSchema:schema15.properties.fromColumn,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data9.toColumn !== undefined){
let data12 = data9.toColumn;
if(typeof data12 === "string"){
if(!pattern0.test(data12)){
const err26 = {instancePath:instancePath+"/associations/" + key6.replace(/~/g, "~0").replace(/\//g, "~1")+"/toColumn",schemaPath:"#/definitions/SqliteAssociation/properties/toColumn/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema15.properties.toColumn,data:data12};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/associations/" + key6.replace(/~/g, "~0").replace(/\//g, "~1")+"/toColumn",schemaPath:"#/definitions/SqliteAssociation/properties/toColumn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.toColumn.type,parentSchema:schema15.properties.toColumn,data:data12};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data9.primaryColumn !== undefined){
let data13 = data9.primaryColumn;
if(typeof data13 === "string"){
if(!pattern0.test(data13)){
const err28 = {instancePath:instancePath+"/associations/" + key6.replace(/~/g, "~0").replace(/\//g, "~1")+"/primaryColumn",schemaPath:"#/definitions/SqliteAssociation/properties/primaryColumn/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema15.properties.primaryColumn,data:data13};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/associations/" + key6.replace(/~/g, "~0").replace(/\//g, "~1")+"/primaryColumn",schemaPath:"#/definitions/SqliteAssociation/properties/primaryColumn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.primaryColumn.type,parentSchema:schema15.properties.primaryColumn,data:data13};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath:instancePath+"/associations/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/SqliteAssociation/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.type,parentSchema:schema15,data:data9};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
else {
const err31 = {instancePath:instancePath+"/associations",schemaPath:"#/properties/associations/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema13.properties.associations.type,parentSchema:schema13.properties.associations,data:data8};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
}
else {
const err32 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema13.type,parentSchema:schema13,data};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
validate12.errors = vErrors;
return errors === 0;
}

const schema16 = {"title":"HubspotConnectionOptions","description":"A HubSpot account reached with a private-app token.","type":"object","additionalProperties":false,"required":["token"],"properties":{"token":{"$ref":"#/definitions/EnvRef","description":"Private-app access token, as ${env:NAME}."},"baseUrl":{"type":"string","format":"uri","description":"API host; defaults to https://api.hubapi.com. Point it at `syncctl emulator hubspot` to try configs offline."},"tier":{"type":"string","enum":["standard","professional","enterprise"],"default":"standard","description":"Account tier; sets the request budget per 10 seconds."},"webhookSecret":{"$ref":"#/definitions/EnvRef","description":"App client secret used to verify webhook signatures, as ${env:NAME}."}}};
const schema17 = {"type":"string","pattern":"^\\$\\{env:[A-Za-z_][A-Za-z0-9_]*\\}$","description":"A reference to an environment variable, written ${env:NAME}. Secrets are only ever given this way."};
const pattern10 = new RegExp("^\\$\\{env:[A-Za-z_][A-Za-z0-9_]*\\}$", "u");
const formats0 = require("ajv-formats/dist/formats").fullFormats.uri;

function validate14(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.token === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "token"},message:"must have required property '"+"token"+"'",schema:schema16.required,parentSchema:schema16,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "token") || (key0 === "baseUrl")) || (key0 === "tier")) || (key0 === "webhookSecret"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema16,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.token !== undefined){
let data0 = data.token;
if(typeof data0 === "string"){
if(!pattern10.test(data0)){
const err2 = {instancePath:instancePath+"/token",schemaPath:"#/definitions/EnvRef/pattern",keyword:"pattern",params:{pattern: "^\\$\\{env:[A-Za-z_][A-Za-z0-9_]*\\}$"},message:"must match pattern \""+"^\\$\\{env:[A-Za-z_][A-Za-z0-9_]*\\}$"+"\"",schema:"^\\$\\{env:[A-Za-z_][A-Za-z0-9_]*\\}$",parentSchema:schema17,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/token",schemaPath:"#/definitions/EnvRef/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.type,parentSchema:schema17,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.baseUrl !== undefined){
let data1 = data.baseUrl;
if(typeof data1 === "string"){
if(!(formats0(data1))){
const err4 = {instancePath:instancePath+"/baseUrl",schemaPath:"#/properties/baseUrl/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema16.properties.baseUrl,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/baseUrl",schemaPath:"#/properties/baseUrl/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties.baseUrl.type,parentSchema:schema16.properties.baseUrl,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.tier !== undefined){
let data2 = data.tier;
if(typeof data2 !== "string"){
const err6 = {instancePath:instancePath+"/tier",schemaPath:"#/properties/tier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties.tier.type,parentSchema:schema16.properties.tier,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!(((data2 === "standard") || (data2 === "professional")) || (data2 === "enterprise"))){
const err7 = {instancePath:instancePath+"/tier",schemaPath:"#/properties/tier/enum",keyword:"enum",params:{allowedValues: schema16.properties.tier.enum},message:"must be equal to one of the allowed values",schema:schema16.properties.tier.enum,parentSchema:schema16.properties.tier,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.webhookSecret !== undefined){
let data3 = data.webhookSecret;
if(typeof data3 === "string"){
if(!pattern10.test(data3)){
const err8 = {instancePath:instancePath+"/webhookSecret",schemaPath:"#/definitions/EnvRef/pattern",keyword:"pattern",params:{pattern: "^\\$\\{env:[A-Za-z_][A-Za-z0-9_]*\\}$"},message:"must match pattern \""+"^\\$\\{env:[A-Za-z_][A-Za-z0-9_]*\\}$"+"\"",schema:"^\\$\\{env:[A-Za-z_][A-Za-z0-9_]*\\}$",parentSchema:schema17,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/webhookSecret",schemaPath:"#/definitions/EnvRef/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.type,parentSchema:schema17,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema16.type,parentSchema:schema16,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate14.errors = vErrors;
return errors === 0;
}

const pattern12 = new RegExp("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", "u");

function validate28(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs2 = errors;
let valid1 = true;
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.connector === undefined) && (missing0 = "connector")){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
else {
if(data.connector !== undefined){
if("sqlite" !== data.connector){
const err1 = {};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
}
}
var _valid0 = _errs3 === errors;
errors = _errs2;
if(vErrors !== null){
if(_errs2){
vErrors.length = _errs2;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs5 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.options !== undefined){
if(!(validate12(data.options, {instancePath:instancePath+"/options",parentData:data,parentDataProperty:"options",rootData}))){
vErrors = vErrors === null ? validate12.errors : vErrors.concat(validate12.errors);
errors = vErrors.length;
}
}
}
var _valid0 = _errs5 === errors;
valid1 = _valid0;
}
if(!valid1){
const err2 = {instancePath,schemaPath:"#/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema12.allOf[0].if,parentSchema:schema12.allOf[0],data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
const _errs8 = errors;
let valid4 = true;
const _errs9 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing1;
if((data.connector === undefined) && (missing1 = "connector")){
const err3 = {};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
else {
if(data.connector !== undefined){
if("hubspot" !== data.connector){
const err4 = {};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
}
var _valid1 = _errs9 === errors;
errors = _errs8;
if(vErrors !== null){
if(_errs8){
vErrors.length = _errs8;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs11 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.options !== undefined){
if(!(validate14(data.options, {instancePath:instancePath+"/options",parentData:data,parentDataProperty:"options",rootData}))){
vErrors = vErrors === null ? validate14.errors : vErrors.concat(validate14.errors);
errors = vErrors.length;
}
}
}
var _valid1 = _errs11 === errors;
valid4 = _valid1;
}
if(!valid4){
const err5 = {instancePath,schemaPath:"#/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema12.allOf[1].if,parentSchema:schema12.allOf[1],data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.apiVersion === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiVersion"},message:"must have required property '"+"apiVersion"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data.kind === undefined){
const err7 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data.name === undefined){
const err8 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data.connector === undefined){
const err9 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "connector"},message:"must have required property '"+"connector"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data.options === undefined){
const err10 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "options"},message:"must have required property '"+"options"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "apiVersion") || (key0 === "kind")) || (key0 === "name")) || (key0 === "description")) || (key0 === "connector")) || (key0 === "options"))){
const err11 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data4 = data.apiVersion;
if(typeof data4 !== "string"){
const err12 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/definitions/ApiVersion/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema19.type,parentSchema:schema19,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if("syncctl/v1" !== data4){
const err13 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/definitions/ApiVersion/const",keyword:"const",params:{allowedValue: "syncctl/v1"},message:"must be equal to constant",schema:"syncctl/v1",parentSchema:schema19,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.kind !== undefined){
let data5 = data.kind;
if(typeof data5 !== "string"){
const err14 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.kind.type,parentSchema:schema12.properties.kind,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if("Connection" !== data5){
const err15 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "Connection"},message:"must be equal to constant",schema:"Connection",parentSchema:schema12.properties.kind,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.name !== undefined){
let data6 = data.name;
if(typeof data6 === "string"){
if(!pattern12.test(data6)){
const err16 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$",parentSchema:schema20,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.type,parentSchema:schema20,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.description !== undefined){
let data7 = data.description;
if(typeof data7 === "string"){
if(func2(data7) > 500){
const err18 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/maxLength",keyword:"maxLength",params:{limit: 500},message:"must NOT have more than 500 characters",schema:500,parentSchema:schema12.properties.description,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.description.type,parentSchema:schema12.properties.description,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.connector !== undefined){
let data8 = data.connector;
if(typeof data8 !== "string"){
const err20 = {instancePath:instancePath+"/connector",schemaPath:"#/definitions/ConnectorName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema21.type,parentSchema:schema21,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(!((data8 === "sqlite") || (data8 === "hubspot"))){
const err21 = {instancePath:instancePath+"/connector",schemaPath:"#/definitions/ConnectorName/enum",keyword:"enum",params:{allowedValues: schema21.enum},message:"must be equal to one of the allowed values",schema:schema21.enum,parentSchema:schema21,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.options !== undefined){
let data9 = data.options;
if(!(data9 && typeof data9 == "object" && !Array.isArray(data9))){
const err22 = {instancePath:instancePath+"/options",schemaPath:"#/properties/options/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.options.type,parentSchema:schema12.properties.options,data:data9};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.type,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
validate28.errors = vErrors;
return errors === 0;
}

export const Sync = validate31;
const schema22 = {"title":"SyncDocument","description":"A two-way (or one-way) sync between a hub connection and an app connection.","type":"object","additionalProperties":false,"required":["apiVersion","kind","name","hub","app","objects"],"properties":{"apiVersion":{"$ref":"#/definitions/ApiVersion"},"kind":{"type":"string","const":"Sync"},"name":{"$ref":"#/definitions/Name"},"description":{"type":"string","maxLength":500},"hub":{"$ref":"#/definitions/Name","description":"Name of the connection that plays the hub."},"app":{"$ref":"#/definitions/Name","description":"Name of the other connection."},"enabled":{"type":"boolean","default":true,"description":"false turns the sync off: nothing moves and the index is kept."},"pollInterval":{"$ref":"#/definitions/Duration","default":"5m","description":"How often both sides are polled for changes."},"notify":{"type":"object","additionalProperties":false,"required":["webhook"],"properties":{"webhook":{"description":"URL that gets a POST when an initial sync completes; an ${env:NAME} reference when it holds a secret.","anyOf":[{"type":"string","pattern":"^https?://[^\\s]+$"},{"$ref":"#/definitions/EnvRef"}]}}},"objects":{"type":"array","minItems":1,"maxItems":50,"items":{"$ref":"#/definitions/SyncObject"}},"associations":{"type":"array","items":{"$ref":"#/definitions/Association"}}}};
const schema27 = {"type":"string","pattern":"^[0-9]+(ms|s|m|h)$","description":"A duration such as 30s, 5m or 1h."};
const func4 = Object.prototype.hasOwnProperty;
const pattern16 = new RegExp("^[0-9]+(ms|s|m|h)$", "u");
const pattern17 = new RegExp("^https?://[^\\s]+$", "u");
const schema29 = {"title":"SyncObjectDefinition","description":"A pair of objects kept in step: the hub's object and the app's object.","type":"object","additionalProperties":false,"required":["hub","app"],"properties":{"hub":{"$ref":"#/definitions/ObjectName"},"app":{"$ref":"#/definitions/ObjectName"},"direction":{"$ref":"#/definitions/Direction","default":"two-way"},"conflictWinner":{"$ref":"#/definitions/Side","default":"hub","description":"The app whose value wins when both sides hold different values."},"onlyWithEmail":{"type":"boolean","description":"Contacts only (default true): sync only contacts with a valid email address."},"match":{"type":"array","minItems":1,"uniqueItems":true,"items":{"$ref":"#/definitions/PropertyName"},"description":"Hub properties that identify the same record on both sides. Defaults: contacts [email]; companies [name, domain]; other objects: none (records are created, never matched)."},"mappings":{"type":"object","additionalProperties":false,"properties":{"defaults":{"type":"boolean","default":true,"description":"Map same-named, type-compatible fields of the two objects."},"fields":{"type":"array","items":{"$ref":"#/definitions/FieldMapping"}}}},"filters":{"type":"object","additionalProperties":false,"description":"Limit which records take part in the initial sync. Linked records keep syncing.","properties":{"hub":{"type":"array","items":{"$ref":"#/definitions/Filter"}},"app":{"type":"array","items":{"$ref":"#/definitions/Filter"}}}}}};
const schema30 = {"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$","description":"An object (table) name in its app, e.g. contacts."};
const schema32 = {"type":"string","enum":["two-way","to-hub","to-app"],"description":"two-way: both ways; to-hub: app -> hub only; to-app: hub -> app only."};
const schema33 = {"type":"string","enum":["hub","app"]};
const schema34 = {"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_.]*$","maxLength":200,"description":"A property (field) name in its app."};
const pattern21 = new RegExp("^[A-Za-z_][A-Za-z0-9_.]*$", "u");
const func0 = require("ajv/dist/runtime/equal").default;
const schema35 = {"title":"FieldMapping","type":"object","additionalProperties":false,"required":["hub","app"],"properties":{"hub":{"$ref":"#/definitions/PropertyName"},"app":{"$ref":"#/definitions/PropertyName"},"required":{"type":"boolean","default":false,"description":"A record missing this field fails with 'missing required field'."},"enabled":{"type":"boolean","default":true,"description":"false switches the mapping off (also a default mapping of the same fields)."}}};

function validate19(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.hub === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "hub"},message:"must have required property '"+"hub"+"'",schema:schema35.required,parentSchema:schema35,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.app === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "app"},message:"must have required property '"+"app"+"'",schema:schema35.required,parentSchema:schema35,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "hub") || (key0 === "app")) || (key0 === "required")) || (key0 === "enabled"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema35,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.hub !== undefined){
let data0 = data.hub;
if(typeof data0 === "string"){
if(func2(data0) > 200){
const err3 = {instancePath:instancePath+"/hub",schemaPath:"#/definitions/PropertyName/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters",schema:200,parentSchema:schema34,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!pattern21.test(data0)){
const err4 = {instancePath:instancePath+"/hub",schemaPath:"#/definitions/PropertyName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_.]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_.]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_.]*$",parentSchema:schema34,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/hub",schemaPath:"#/definitions/PropertyName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.app !== undefined){
let data1 = data.app;
if(typeof data1 === "string"){
if(func2(data1) > 200){
const err6 = {instancePath:instancePath+"/app",schemaPath:"#/definitions/PropertyName/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters",schema:200,parentSchema:schema34,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!pattern21.test(data1)){
const err7 = {instancePath:instancePath+"/app",schemaPath:"#/definitions/PropertyName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_.]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_.]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_.]*$",parentSchema:schema34,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/app",schemaPath:"#/definitions/PropertyName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.required !== undefined){
let data2 = data.required;
if(typeof data2 !== "boolean"){
const err9 = {instancePath:instancePath+"/required",schemaPath:"#/properties/required/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema35.properties.required.type,parentSchema:schema35.properties.required,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.enabled !== undefined){
let data3 = data.enabled;
if(typeof data3 !== "boolean"){
const err10 = {instancePath:instancePath+"/enabled",schemaPath:"#/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema35.properties.enabled.type,parentSchema:schema35.properties.enabled,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema35.type,parentSchema:schema35,data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate19.errors = vErrors;
return errors === 0;
}

const schema38 = {"title":"FilterCondition","type":"object","additionalProperties":false,"required":["property","op"],"properties":{"property":{"$ref":"#/definitions/PropertyName"},"op":{"type":"string","enum":["eq","neq","in","not_in","contains","gt","gte","lt","lte","exists","not_exists"]},"value":{"description":"The value to compare with: a list for in/not_in; absent for exists/not_exists.","anyOf":[{"type":"string"},{"type":"number"},{"type":"boolean"},{"type":"array","items":{"anyOf":[{"type":"string"},{"type":"number"},{"type":"boolean"}]}}]}},"allOf":[{"if":{"properties":{"op":{"enum":["in","not_in"]}},"required":["op"]},"then":{"required":["value"],"properties":{"value":{"type":"array","minItems":1}}}},{"if":{"properties":{"op":{"enum":["eq","neq","contains","gt","gte","lt","lte"]}},"required":["op"]},"then":{"required":["value"],"properties":{"value":{"not":{"type":"array"}}}}},{"if":{"properties":{"op":{"enum":["exists","not_exists"]}},"required":["op"]},"then":{"not":{"required":["value"]}}}]};

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs2 = errors;
let valid1 = true;
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.op === undefined) && (missing0 = "op")){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
else {
if(data.op !== undefined){
let data0 = data.op;
if(!((data0 === "in") || (data0 === "not_in"))){
const err1 = {};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
}
}
var _valid0 = _errs3 === errors;
errors = _errs2;
if(vErrors !== null){
if(_errs2){
vErrors.length = _errs2;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs5 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.value === undefined){
const err2 = {instancePath,schemaPath:"#/allOf/0/then/required",keyword:"required",params:{missingProperty: "value"},message:"must have required property '"+"value"+"'",schema:schema38.allOf[0].then.required,parentSchema:schema38.allOf[0].then,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.value !== undefined){
let data1 = data.value;
if(Array.isArray(data1)){
if(data1.length < 1){
const err3 = {instancePath:instancePath+"/value",schemaPath:"#/allOf/0/then/properties/value/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema38.allOf[0].then.properties.value,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/value",schemaPath:"#/allOf/0/then/properties/value/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema38.allOf[0].then.properties.value.type,parentSchema:schema38.allOf[0].then.properties.value,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
var _valid0 = _errs5 === errors;
valid1 = _valid0;
}
if(!valid1){
const err5 = {instancePath,schemaPath:"#/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema38.allOf[0].if,parentSchema:schema38.allOf[0],data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
const _errs9 = errors;
let valid4 = true;
const _errs10 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing1;
if((data.op === undefined) && (missing1 = "op")){
const err6 = {};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
else {
if(data.op !== undefined){
let data2 = data.op;
if(!(((((((data2 === "eq") || (data2 === "neq")) || (data2 === "contains")) || (data2 === "gt")) || (data2 === "gte")) || (data2 === "lt")) || (data2 === "lte"))){
const err7 = {};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
}
var _valid1 = _errs10 === errors;
errors = _errs9;
if(vErrors !== null){
if(_errs9){
vErrors.length = _errs9;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs12 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.value === undefined){
const err8 = {instancePath,schemaPath:"#/allOf/1/then/required",keyword:"required",params:{missingProperty: "value"},message:"must have required property '"+"value"+"'",schema:schema38.allOf[1].then.required,parentSchema:schema38.allOf[1].then,data};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data.value !== undefined){
let data3 = data.value;
const _errs14 = errors;
const _errs15 = errors;
if(!(Array.isArray(data3))){
const err9 = {};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
var valid7 = _errs15 === errors;
if(valid7){
const err10 = {instancePath:instancePath+"/value",schemaPath:"#/allOf/1/then/properties/value/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema38.allOf[1].then.properties.value.not,parentSchema:schema38.allOf[1].then.properties.value,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
else {
errors = _errs14;
if(vErrors !== null){
if(_errs14){
vErrors.length = _errs14;
}
else {
vErrors = null;
}
}
}
}
}
var _valid1 = _errs12 === errors;
valid4 = _valid1;
}
if(!valid4){
const err11 = {instancePath,schemaPath:"#/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema38.allOf[1].if,parentSchema:schema38.allOf[1],data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
const _errs18 = errors;
let valid8 = true;
const _errs19 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing2;
if((data.op === undefined) && (missing2 = "op")){
const err12 = {};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
else {
if(data.op !== undefined){
let data4 = data.op;
if(!((data4 === "exists") || (data4 === "not_exists"))){
const err13 = {};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
}
var _valid2 = _errs19 === errors;
errors = _errs18;
if(vErrors !== null){
if(_errs18){
vErrors.length = _errs18;
}
else {
vErrors = null;
}
}
if(_valid2){
const _errs21 = errors;
const _errs22 = errors;
const _errs23 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing3;
if((data.value === undefined) && (missing3 = "value")){
const err14 = {};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
var valid10 = _errs23 === errors;
if(valid10){
const err15 = {instancePath,schemaPath:"#/allOf/2/then/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema38.allOf[2].then.not,parentSchema:schema38.allOf[2].then,data};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
else {
errors = _errs22;
if(vErrors !== null){
if(_errs22){
vErrors.length = _errs22;
}
else {
vErrors = null;
}
}
}
var _valid2 = _errs21 === errors;
valid8 = _valid2;
}
if(!valid8){
const err16 = {instancePath,schemaPath:"#/allOf/2/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema38.allOf[2].if,parentSchema:schema38.allOf[2],data};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.property === undefined){
const err17 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "property"},message:"must have required property '"+"property"+"'",schema:schema38.required,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data.op === undefined){
const err18 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "op"},message:"must have required property '"+"op"+"'",schema:schema38.required,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "property") || (key0 === "op")) || (key0 === "value"))){
const err19 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.property !== undefined){
let data5 = data.property;
if(typeof data5 === "string"){
if(func2(data5) > 200){
const err20 = {instancePath:instancePath+"/property",schemaPath:"#/definitions/PropertyName/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters",schema:200,parentSchema:schema34,data:data5};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(!pattern21.test(data5)){
const err21 = {instancePath:instancePath+"/property",schemaPath:"#/definitions/PropertyName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_.]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_.]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_.]*$",parentSchema:schema34,data:data5};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/property",schemaPath:"#/definitions/PropertyName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data5};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.op !== undefined){
let data6 = data.op;
if(typeof data6 !== "string"){
const err23 = {instancePath:instancePath+"/op",schemaPath:"#/properties/op/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.op.type,parentSchema:schema38.properties.op,data:data6};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(!(((((((((((data6 === "eq") || (data6 === "neq")) || (data6 === "in")) || (data6 === "not_in")) || (data6 === "contains")) || (data6 === "gt")) || (data6 === "gte")) || (data6 === "lt")) || (data6 === "lte")) || (data6 === "exists")) || (data6 === "not_exists"))){
const err24 = {instancePath:instancePath+"/op",schemaPath:"#/properties/op/enum",keyword:"enum",params:{allowedValues: schema38.properties.op.enum},message:"must be equal to one of the allowed values",schema:schema38.properties.op.enum,parentSchema:schema38.properties.op,data:data6};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.value !== undefined){
let data7 = data.value;
const _errs31 = errors;
let valid13 = false;
const _errs32 = errors;
if(typeof data7 !== "string"){
const err25 = {instancePath:instancePath+"/value",schemaPath:"#/properties/value/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.value.anyOf[0].type,parentSchema:schema38.properties.value.anyOf[0],data:data7};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
var _valid3 = _errs32 === errors;
valid13 = valid13 || _valid3;
if(!valid13){
const _errs34 = errors;
if(!((typeof data7 == "number") && (isFinite(data7)))){
const err26 = {instancePath:instancePath+"/value",schemaPath:"#/properties/value/anyOf/1/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema38.properties.value.anyOf[1].type,parentSchema:schema38.properties.value.anyOf[1],data:data7};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
var _valid3 = _errs34 === errors;
valid13 = valid13 || _valid3;
if(!valid13){
const _errs36 = errors;
if(typeof data7 !== "boolean"){
const err27 = {instancePath:instancePath+"/value",schemaPath:"#/properties/value/anyOf/2/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema38.properties.value.anyOf[2].type,parentSchema:schema38.properties.value.anyOf[2],data:data7};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
var _valid3 = _errs36 === errors;
valid13 = valid13 || _valid3;
if(!valid13){
const _errs38 = errors;
if(Array.isArray(data7)){
const len0 = data7.length;
for(let i0=0; i0<len0; i0++){
let data8 = data7[i0];
const _errs41 = errors;
let valid16 = false;
const _errs42 = errors;
if(typeof data8 !== "string"){
const err28 = {instancePath:instancePath+"/value/" + i0,schemaPath:"#/properties/value/anyOf/3/items/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.value.anyOf[3].items.anyOf[0].type,parentSchema:schema38.properties.value.anyOf[3].items.anyOf[0],data:data8};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
var _valid4 = _errs42 === errors;
valid16 = valid16 || _valid4;
if(!valid16){
const _errs44 = errors;
if(!((typeof data8 == "number") && (isFinite(data8)))){
const err29 = {instancePath:instancePath+"/value/" + i0,schemaPath:"#/properties/value/anyOf/3/items/anyOf/1/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema38.properties.value.anyOf[3].items.anyOf[1].type,parentSchema:schema38.properties.value.anyOf[3].items.anyOf[1],data:data8};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
var _valid4 = _errs44 === errors;
valid16 = valid16 || _valid4;
if(!valid16){
const _errs46 = errors;
if(typeof data8 !== "boolean"){
const err30 = {instancePath:instancePath+"/value/" + i0,schemaPath:"#/properties/value/anyOf/3/items/anyOf/2/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema38.properties.value.anyOf[3].items.anyOf[2].type,parentSchema:schema38.properties.value.anyOf[3].items.anyOf[2],data:data8};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
var _valid4 = _errs46 === errors;
valid16 = valid16 || _valid4;
}
}
if(!valid16){
const err31 = {instancePath:instancePath+"/value/" + i0,schemaPath:"#/properties/value/anyOf/3/items/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema38.properties.value.anyOf[3].items.anyOf,parentSchema:schema38.properties.value.anyOf[3].items,data:data8};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
else {
errors = _errs41;
if(vErrors !== null){
if(_errs41){
vErrors.length = _errs41;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err32 = {instancePath:instancePath+"/value",schemaPath:"#/properties/value/anyOf/3/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema38.properties.value.anyOf[3].type,parentSchema:schema38.properties.value.anyOf[3],data:data7};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
var _valid3 = _errs38 === errors;
valid13 = valid13 || _valid3;
}
}
}
if(!valid13){
const err33 = {instancePath:instancePath+"/value",schemaPath:"#/properties/value/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema38.properties.value.anyOf,parentSchema:schema38.properties.value,data:data7};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
else {
errors = _errs31;
if(vErrors !== null){
if(_errs31){
vErrors.length = _errs31;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err34 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema38.type,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}


function validate18(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.hub === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "hub"},message:"must have required property '"+"hub"+"'",schema:schema29.required,parentSchema:schema29,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.app === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "app"},message:"must have required property '"+"app"+"'",schema:schema29.required,parentSchema:schema29,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((((((key0 === "hub") || (key0 === "app")) || (key0 === "direction")) || (key0 === "conflictWinner")) || (key0 === "onlyWithEmail")) || (key0 === "match")) || (key0 === "mappings")) || (key0 === "filters"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema29,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.hub !== undefined){
let data0 = data.hub;
if(typeof data0 === "string"){
if(!pattern0.test(data0)){
const err3 = {instancePath:instancePath+"/hub",schemaPath:"#/definitions/ObjectName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema30,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/hub",schemaPath:"#/definitions/ObjectName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.type,parentSchema:schema30,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.app !== undefined){
let data1 = data.app;
if(typeof data1 === "string"){
if(!pattern0.test(data1)){
const err5 = {instancePath:instancePath+"/app",schemaPath:"#/definitions/ObjectName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema30,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/app",schemaPath:"#/definitions/ObjectName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.type,parentSchema:schema30,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.direction !== undefined){
let data2 = data.direction;
if(typeof data2 !== "string"){
const err7 = {instancePath:instancePath+"/direction",schemaPath:"#/definitions/Direction/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(!(((data2 === "two-way") || (data2 === "to-hub")) || (data2 === "to-app"))){
const err8 = {instancePath:instancePath+"/direction",schemaPath:"#/definitions/Direction/enum",keyword:"enum",params:{allowedValues: schema32.enum},message:"must be equal to one of the allowed values",schema:schema32.enum,parentSchema:schema32,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.conflictWinner !== undefined){
let data3 = data.conflictWinner;
if(typeof data3 !== "string"){
const err9 = {instancePath:instancePath+"/conflictWinner",schemaPath:"#/definitions/Side/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.type,parentSchema:schema33,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(!((data3 === "hub") || (data3 === "app"))){
const err10 = {instancePath:instancePath+"/conflictWinner",schemaPath:"#/definitions/Side/enum",keyword:"enum",params:{allowedValues: schema33.enum},message:"must be equal to one of the allowed values",schema:schema33.enum,parentSchema:schema33,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.onlyWithEmail !== undefined){
let data4 = data.onlyWithEmail;
if(typeof data4 !== "boolean"){
const err11 = {instancePath:instancePath+"/onlyWithEmail",schemaPath:"#/properties/onlyWithEmail/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema29.properties.onlyWithEmail.type,parentSchema:schema29.properties.onlyWithEmail,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.match !== undefined){
let data5 = data.match;
if(Array.isArray(data5)){
if(data5.length < 1){
const err12 = {instancePath:instancePath+"/match",schemaPath:"#/properties/match/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema29.properties.match,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
let data6 = data5[i0];
if(typeof data6 === "string"){
if(func2(data6) > 200){
const err13 = {instancePath:instancePath+"/match/" + i0,schemaPath:"#/definitions/PropertyName/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters",schema:200,parentSchema:schema34,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!pattern21.test(data6)){
const err14 = {instancePath:instancePath+"/match/" + i0,schemaPath:"#/definitions/PropertyName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_.]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_.]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_.]*$",parentSchema:schema34,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/match/" + i0,schemaPath:"#/definitions/PropertyName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
let i1 = data5.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data5[i1], data5[j0])){
const err16 = {instancePath:instancePath+"/match",schemaPath:"#/properties/match/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema29.properties.match,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err17 = {instancePath:instancePath+"/match",schemaPath:"#/properties/match/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema29.properties.match.type,parentSchema:schema29.properties.match,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.mappings !== undefined){
let data7 = data.mappings;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
for(const key1 in data7){
if(!((key1 === "defaults") || (key1 === "fields"))){
const err18 = {instancePath:instancePath+"/mappings",schemaPath:"#/properties/mappings/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema29.properties.mappings,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data7.defaults !== undefined){
let data8 = data7.defaults;
if(typeof data8 !== "boolean"){
const err19 = {instancePath:instancePath+"/mappings/defaults",schemaPath:"#/properties/mappings/properties/defaults/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema29.properties.mappings.properties.defaults.type,parentSchema:schema29.properties.mappings.properties.defaults,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data7.fields !== undefined){
let data9 = data7.fields;
if(Array.isArray(data9)){
const len1 = data9.length;
for(let i2=0; i2<len1; i2++){
if(!(validate19(data9[i2], {instancePath:instancePath+"/mappings/fields/" + i2,parentData:data9,parentDataProperty:i2,rootData}))){
vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);
errors = vErrors.length;
}
}
}
else {
const err20 = {instancePath:instancePath+"/mappings/fields",schemaPath:"#/properties/mappings/properties/fields/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema29.properties.mappings.properties.fields.type,parentSchema:schema29.properties.mappings.properties.fields,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/mappings",schemaPath:"#/properties/mappings/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema29.properties.mappings.type,parentSchema:schema29.properties.mappings,data:data7};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.filters !== undefined){
let data11 = data.filters;
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
for(const key2 in data11){
if(!((key2 === "hub") || (key2 === "app"))){
const err22 = {instancePath:instancePath+"/filters",schemaPath:"#/properties/filters/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema29.properties.filters,data:data11};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data11.hub !== undefined){
let data12 = data11.hub;
if(Array.isArray(data12)){
const len2 = data12.length;
for(let i3=0; i3<len2; i3++){
if(!(validate21(data12[i3], {instancePath:instancePath+"/filters/hub/" + i3,parentData:data12,parentDataProperty:i3,rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
}
else {
const err23 = {instancePath:instancePath+"/filters/hub",schemaPath:"#/properties/filters/properties/hub/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema29.properties.filters.properties.hub.type,parentSchema:schema29.properties.filters.properties.hub,data:data12};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data11.app !== undefined){
let data14 = data11.app;
if(Array.isArray(data14)){
const len3 = data14.length;
for(let i4=0; i4<len3; i4++){
if(!(validate21(data14[i4], {instancePath:instancePath+"/filters/app/" + i4,parentData:data14,parentDataProperty:i4,rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
}
else {
const err24 = {instancePath:instancePath+"/filters/app",schemaPath:"#/properties/filters/properties/app/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema29.properties.filters.properties.app.type,parentSchema:schema29.properties.filters.properties.app,data:data14};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
else {
const err25 = {instancePath:instancePath+"/filters",schemaPath:"#/properties/filters/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema29.properties.filters.type,parentSchema:schema29.properties.filters,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
else {
const err26 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema29.type,parentSchema:schema29,data};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
validate18.errors = vErrors;
return errors === 0;
}

const schema40 = {"title":"AssociationDefinition","type":"object","additionalProperties":false,"required":["from","to"],"properties":{"from":{"$ref":"#/definitions/ObjectName","description":"Hub object name, e.g. contacts."},"to":{"$ref":"#/definitions/ObjectName","description":"Hub object name, e.g. companies."}}};

function validate25(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.from === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "from"},message:"must have required property '"+"from"+"'",schema:schema40.required,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.to === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "to"},message:"must have required property '"+"to"+"'",schema:schema40.required,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "from") || (key0 === "to"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.from !== undefined){
let data0 = data.from;
if(typeof data0 === "string"){
if(!pattern0.test(data0)){
const err3 = {instancePath:instancePath+"/from",schemaPath:"#/definitions/ObjectName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema30,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/from",schemaPath:"#/definitions/ObjectName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.type,parentSchema:schema30,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.to !== undefined){
let data1 = data.to;
if(typeof data1 === "string"){
if(!pattern0.test(data1)){
const err5 = {instancePath:instancePath+"/to",schemaPath:"#/definitions/ObjectName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema30,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/to",schemaPath:"#/definitions/ObjectName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.type,parentSchema:schema30,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
else {
const err7 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema40.type,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
validate25.errors = vErrors;
return errors === 0;
}


function validate31(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.apiVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiVersion"},message:"must have required property '"+"apiVersion"+"'",schema:schema22.required,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema22.required,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.name === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema22.required,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.hub === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "hub"},message:"must have required property '"+"hub"+"'",schema:schema22.required,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.app === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "app"},message:"must have required property '"+"app"+"'",schema:schema22.required,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.objects === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "objects"},message:"must have required property '"+"objects"+"'",schema:schema22.required,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key0 in data){
if(!(func4.call(schema22.properties, key0))){
const err6 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data0 = data.apiVersion;
if(typeof data0 !== "string"){
const err7 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/definitions/ApiVersion/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema19.type,parentSchema:schema19,data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if("syncctl/v1" !== data0){
const err8 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/definitions/ApiVersion/const",keyword:"const",params:{allowedValue: "syncctl/v1"},message:"must be equal to constant",schema:"syncctl/v1",parentSchema:schema19,data:data0};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.kind !== undefined){
let data1 = data.kind;
if(typeof data1 !== "string"){
const err9 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.kind.type,parentSchema:schema22.properties.kind,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if("Sync" !== data1){
const err10 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "Sync"},message:"must be equal to constant",schema:"Sync",parentSchema:schema22.properties.kind,data:data1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.name !== undefined){
let data2 = data.name;
if(typeof data2 === "string"){
if(!pattern12.test(data2)){
const err11 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$",parentSchema:schema20,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.type,parentSchema:schema20,data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.description !== undefined){
let data3 = data.description;
if(typeof data3 === "string"){
if(func2(data3) > 500){
const err13 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/maxLength",keyword:"maxLength",params:{limit: 500},message:"must NOT have more than 500 characters",schema:500,parentSchema:schema22.properties.description,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.description.type,parentSchema:schema22.properties.description,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.hub !== undefined){
let data4 = data.hub;
if(typeof data4 === "string"){
if(!pattern12.test(data4)){
const err15 = {instancePath:instancePath+"/hub",schemaPath:"#/definitions/Name/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$",parentSchema:schema20,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/hub",schemaPath:"#/definitions/Name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.type,parentSchema:schema20,data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.app !== undefined){
let data5 = data.app;
if(typeof data5 === "string"){
if(!pattern12.test(data5)){
const err17 = {instancePath:instancePath+"/app",schemaPath:"#/definitions/Name/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$",parentSchema:schema20,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/app",schemaPath:"#/definitions/Name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.type,parentSchema:schema20,data:data5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.enabled !== undefined){
let data6 = data.enabled;
if(typeof data6 !== "boolean"){
const err19 = {instancePath:instancePath+"/enabled",schemaPath:"#/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema22.properties.enabled.type,parentSchema:schema22.properties.enabled,data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.pollInterval !== undefined){
let data7 = data.pollInterval;
if(typeof data7 === "string"){
if(!pattern16.test(data7)){
const err20 = {instancePath:instancePath+"/pollInterval",schemaPath:"#/definitions/Duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h)$"+"\"",schema:"^[0-9]+(ms|s|m|h)$",parentSchema:schema27,data:data7};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/pollInterval",schemaPath:"#/definitions/Duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.type,parentSchema:schema27,data:data7};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.notify !== undefined){
let data8 = data.notify;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
if(data8.webhook === undefined){
const err22 = {instancePath:instancePath+"/notify",schemaPath:"#/properties/notify/required",keyword:"required",params:{missingProperty: "webhook"},message:"must have required property '"+"webhook"+"'",schema:schema22.properties.notify.required,parentSchema:schema22.properties.notify,data:data8};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
for(const key1 in data8){
if(!(key1 === "webhook")){
const err23 = {instancePath:instancePath+"/notify",schemaPath:"#/properties/notify/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema22.properties.notify,data:data8};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data8.webhook !== undefined){
let data9 = data8.webhook;
const _errs27 = errors;
let valid7 = false;
const _errs28 = errors;
if(typeof data9 === "string"){
if(!pattern17.test(data9)){
const err24 = {instancePath:instancePath+"/notify/webhook",schemaPath:"#/properties/notify/properties/webhook/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^https?://[^\\s]+$"},message:"must match pattern \""+"^https?://[^\\s]+$"+"\"",schema:"^https?://[^\\s]+$",parentSchema:schema22.properties.notify.properties.webhook.anyOf[0],data:data9};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/notify/webhook",schemaPath:"#/properties/notify/properties/webhook/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.notify.properties.webhook.anyOf[0].type,parentSchema:schema22.properties.notify.properties.webhook.anyOf[0],data:data9};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
var _valid0 = _errs28 === errors;
valid7 = valid7 || _valid0;
if(!valid7){
const _errs30 = errors;
if(typeof data9 === "string"){
if(!pattern10.test(data9)){
const err26 = {instancePath:instancePath+"/notify/webhook",schemaPath:"#/definitions/EnvRef/pattern",keyword:"pattern",params:{pattern: "^\\$\\{env:[A-Za-z_][A-Za-z0-9_]*\\}$"},message:"must match pattern \""+"^\\$\\{env:[A-Za-z_][A-Za-z0-9_]*\\}$"+"\"",schema:"^\\$\\{env:[A-Za-z_][A-Za-z0-9_]*\\}$",parentSchema:schema17,data:data9};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/notify/webhook",schemaPath:"#/definitions/EnvRef/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.type,parentSchema:schema17,data:data9};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
var _valid0 = _errs30 === errors;
valid7 = valid7 || _valid0;
}
if(!valid7){
const err28 = {instancePath:instancePath+"/notify/webhook",schemaPath:"#/properties/notify/properties/webhook/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema22.properties.notify.properties.webhook.anyOf,parentSchema:schema22.properties.notify.properties.webhook,data:data9};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
else {
errors = _errs27;
if(vErrors !== null){
if(_errs27){
vErrors.length = _errs27;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err29 = {instancePath:instancePath+"/notify",schemaPath:"#/properties/notify/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema22.properties.notify.type,parentSchema:schema22.properties.notify,data:data8};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data.objects !== undefined){
let data10 = data.objects;
if(Array.isArray(data10)){
if(data10.length > 50){
const err30 = {instancePath:instancePath+"/objects",schemaPath:"#/properties/objects/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items",schema:50,parentSchema:schema22.properties.objects,data:data10};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(data10.length < 1){
const err31 = {instancePath:instancePath+"/objects",schemaPath:"#/properties/objects/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema22.properties.objects,data:data10};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
const len0 = data10.length;
for(let i0=0; i0<len0; i0++){
if(!(validate18(data10[i0], {instancePath:instancePath+"/objects/" + i0,parentData:data10,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate18.errors : vErrors.concat(validate18.errors);
errors = vErrors.length;
}
}
}
else {
const err32 = {instancePath:instancePath+"/objects",schemaPath:"#/properties/objects/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema22.properties.objects.type,parentSchema:schema22.properties.objects,data:data10};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data.associations !== undefined){
let data12 = data.associations;
if(Array.isArray(data12)){
const len1 = data12.length;
for(let i1=0; i1<len1; i1++){
if(!(validate25(data12[i1], {instancePath:instancePath+"/associations/" + i1,parentData:data12,parentDataProperty:i1,rootData}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
}
}
else {
const err33 = {instancePath:instancePath+"/associations",schemaPath:"#/properties/associations/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema22.properties.associations.type,parentSchema:schema22.properties.associations,data:data12};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
else {
const err34 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema22.type,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
validate31.errors = vErrors;
return errors === 0;
}

